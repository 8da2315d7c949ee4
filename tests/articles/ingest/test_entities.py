"""People and organisations: who is a person, what is an organisation, aliases and roles."""

from .conftest import parse, people_names


def test_names_without_evidence_are_never_people():
    article = parse(
        "The High Court heard the case in Tower Hamlets under the Police Act.\n\n"
        "Her Majesty’s Treasury and the Special Enquiry Team were at the Town Hall.\n\n"
        "Campaigner Ann Patel said: “Justice at last.”"
    )
    assert people_names(article) == ["Ann Patel"]


def test_one_person_per_individual_with_aliases():
    article = parse(
        "Council leader Grant Hale resigned.\n\n"
        "Mr Hale had led the council since 2019.\n\n"
        "Hale’s deputy will take over."
    )
    assert [(p.name, p.aliases) for p in article.people] == [("Grant Hale", ("Mr Hale", "Hale"))]


def test_apostrophe_variants_are_one_person():
    article = parse(
        "Chairman Sean O’Brien spoke.\n\nMr O'Brien said: “We will act.”\n\nMr O’Brien left."
    )
    assert people_names(article) == ["Sean O’Brien"]
    assert article.quotes[0].speaker == "Sean O’Brien"


def test_role_from_caption_title_and_appositive():
    article = parse(
        "The plan was approved.\n\n"
        "Deputy mayor for transport Ann Patel\n\n"
        "Ann Patel said the plan was overdue.\n\n"
        "Grant Hale, the opposition leader, disagreed.\n\n"
        "Chairman Sean Byrne said nothing."
    )
    roles = {p.name: p.role for p in article.people}
    assert roles == {
        "Ann Patel": "Deputy mayor for transport",
        "Grant Hale": "Opposition leader",
        "Sean Byrne": "Chairman",
    }


def test_caption_naming_a_person_is_a_caption_block():
    article = parse(
        "The plan was approved.\n\nDeputy mayor for transport Ann Patel\n\nMore narration here."
    )
    assert [b.kind for b in article.blocks] == ["paragraph", "caption", "paragraph"]


def test_short_line_ending_in_a_place_is_a_subhead_not_a_caption():
    article = parse("The plan was approved.\n\nA fair deal. Not in Northfield\n\nMore narration.")
    assert article.blocks[1].kind == "subhead"
    assert people_names(article) == []


def test_acronym_defined_in_brackets_is_an_alias():
    article = parse(
        "The Royal College of Nursing (RCN) announced a strike.\n\nThe RCN said more may follow."
    )
    orgs = [(o.name, o.acronym, o.aliases) for o in article.organisations]
    assert orgs == [("Royal College of Nursing", "RCN", ("RCN",))]


def test_acronym_matching_the_initials_of_a_named_organisation_is_an_alias():
    article = parse(
        "Files were never sent to the Crown Prosecution Service.\n\nThe CPS declined to comment."
    )
    assert [(o.name, o.aliases) for o in article.organisations] == [
        ("Crown Prosecution Service", ("CPS",))
    ]


def test_short_forms_of_an_organisation_are_aliases():
    article = parse(
        "The Metropolitan Police was criticised.\n\n"
        "The Met said it had acted properly.\n\n"
        "Met Police officers attended."
    )
    assert [(o.name, o.aliases, o.kind) for o in article.organisations] == [
        ("Metropolitan Police", ("the Met", "Met Police"), "police")
    ]


def test_misspelt_possessive_is_the_same_organisation():
    article = parse(
        "Her Majesty’ Inspectorate of Constabulary will look at it.\n\n"
        "Her Majesty’s Inspectorate of Constabulary (HMIC) said so."
    )
    names = [o.name for o in article.organisations]
    assert names == ["Her Majesty’s Inspectorate of Constabulary"]


def test_tags_suggest_the_organisations_and_places_named_most():
    article = parse(
        "Flooding hit Riverside again as the Environment Agency issued warnings.\n\n"
        "Homes in Riverside were evacuated.\n\n"
        "The Environment Agency said the river peaked overnight in Riverside."
    )
    assert set(article.tags) == {"Environment Agency", "Riverside"}


def test_tabloid_capitals_opening_the_article_are_not_an_organisation():
    article = parse("A DINNER lady has won £2m on the lottery.\n\nShe will keep working.")
    assert article.organisations == ()


def test_descriptors_and_participles_are_not_part_of_a_name():
    article = parse(
        "Gran-of-five Brenda Kettle, 58, won.\n\n"
        "Defending Gaskell, barrister Robert Fenwick said his client was sorry.\n\n"
        "Liam Gaskell, 34, was jailed."
    )
    assert people_names(article) == ["Brenda Kettle", "Robert Fenwick", "Liam Gaskell"]


def test_who_after_a_name_is_evidence_of_a_person_but_not_after_of():
    article = parse(
        "Local angler Bill Harker, who has fished here for 40 years, is worried.\n\n"
        "Residents of Upper Saxby, who live nearby, agree."
    )
    assert people_names(article) == ["Bill Harker"]


def test_river_names_are_places():
    article = parse(
        "Sewage was released into the River Hallow.\n\nAnglers who fish the Hallow are angry."
    )
    assert people_names(article) == []


def test_police_rank_abbreviations_are_titles():
    article = parse(
        "Detective Inspector Karen Mallory is leading the inquiry.\n\n"
        "Det Insp Mallory said: “We need witnesses.”"
    )
    assert people_names(article) == ["Karen Mallory"]
    assert article.quotes[0].speaker == "Karen Mallory"


def test_organisation_named_after_of_in_a_longer_run():
    article = parse("Members of Tremorna County Council voted on Thursday.")
    assert [o.name for o in article.organisations] == ["Tremorna County Council"]


def test_plural_possessive_stays_inside_an_organisation_name():
    article = parse(
        "The Copley Tenants’ Association chair Gareth Pickles added: “We are grateful.”\n\n"
        "The Women’s Institute met on Tuesday."
    )
    assert [o.name for o in article.organisations] == [
        "Copley Tenants’ Association",
        "Women’s Institute",
    ]
    assert people_names(article) == ["Gareth Pickles"]
    assert article.quotes[0].speaker == "Gareth Pickles"


def test_an_ordinary_word_opening_an_organisation_name_is_kept():
    article = parse("Little Ashcombe Police said the road would reopen.\n\nThe little car park.")
    assert [o.name for o in article.organisations] == ["Little Ashcombe Police"]


def test_a_description_opening_a_sentence_is_not_part_of_a_name_used_elsewhere():
    article = parse(
        "Valerie Farnworth has lived in the village for 40 years.\n\n"
        "Grandparent Valerie Farnworth said: “We will keep fighting.”"
    )
    assert people_names(article) == ["Valerie Farnworth"]


def test_organisation_names_with_and_of_or_an_ordinal_are_kept_whole():
    article = parse(
        "Crews worked through the night.\n\n"
        "In a statement, Wexham Fire and Rescue Service said: “Crews were called at 2am.”\n\n"
        "Second Chance Housing said: “Every family has a bed tonight.”\n\n"
        "Friends of Hollin Park said: “The park must stay open.”\n\n"
        "Wexham Chamber of Commerce said: “Traders are struggling.”"
    )
    assert people_names(article) == []
    assert [(q.speaker, q.speaker_kind) for q in article.quotes] == [
        ("Wexham Fire and Rescue Service", "organisation"),
        ("Second Chance Housing", "organisation"),
        ("Friends of Hollin Park", "organisation"),
        ("Wexham Chamber of Commerce", "organisation"),
    ]


def test_streets_and_words_like_nobody_are_never_people():
    article = parse(
        "Residents met on Monday.\n\n"
        "Ann Patel, who runs a café on Furnace Row, said: “Nobody I have spoken to supports "
        "this, and Glebe Terrace agrees.”"
    )
    assert people_names(article) == ["Ann Patel"]


def test_a_street_named_close_or_after_a_body_is_neither_person_nor_organisation():
    """ "Coppice Close" is a street, not a person; "Church Lane" a street, not a church."""
    article = parse(
        "Residents met on Monday.\n\n"
        "Ann Patel, who runs a shop on Coppice Close, said: “Trade is down.”\n\n"
        "Tom Reyes, who has lived on Church Lane for 3 years, added: “It is noisy.”"
    )
    assert people_names(article) == ["Ann Patel", "Tom Reyes"]
    assert [o.name for o in article.organisations] == []


def test_a_person_described_as_a_gp_is_a_person_and_gp_is_not_an_organisation():
    """ "a GP" is a role like "a doctor": the name before it is a person, who then
    speaks for a pronoun, and the acronym names no organisation."""
    article = parse(
        "The surgery will close.\n\n"
        "Frazer Stanhope, a GP in Thornwick, first complained in 2018.\n\n"
        "“I would urge anyone who is worried to come along,” he said."
    )
    assert people_names(article) == ["Frazer Stanhope"]
    assert [o.name for o in article.organisations] == []
    assert article.quotes[0].speaker == "Frazer Stanhope"


def test_a_title_inside_a_capitalised_run_is_the_role_of_the_name_after_it():
    """ "Labour MP Jess Phillips", "Tower Hamlets Mayor John Biggs": the name is the
    last words and the title before them is the role, so the quote has its speaker."""
    for line, name, role in [
        ("Labour MP Jess Phillips said:", "Jess Phillips", "Labour MP"),
        ("Tower Hamlets Mayor John Biggs said:", "John Biggs", "Tower Hamlets Mayor"),
        ("Tesco CEO Ken Murphy said:", "Ken Murphy", "Tesco CEO"),
    ]:
        article = parse(f"The vote was lost.\n\n{line} “We will appeal against the ruling.”")
        assert [(p.name, p.role) for p in article.people] == [(name, role)]
        assert article.quotes[0].speaker == name


def test_letters_after_a_name_are_not_part_of_it():
    """ "Jess Phillips MP" and "Michael Mansfield KC" are Jess Phillips and Michael
    Mansfield; a surname that is also a title ("John Major") stays whole."""
    for line, name in [
        ("Jess Phillips MP said:", "Jess Phillips"),
        ("Michael Mansfield KC, for the family, said:", "Michael Mansfield"),
        ("Dame Joan Smith MBE said:", "Joan Smith"),
        ("Former prime minister John Major said:", "John Major"),
    ]:
        article = parse(f"The vote was lost.\n\n{line} “We will appeal against the ruling.”")
        assert people_names(article) == [name]
        assert article.quotes[0].speaker == name


def test_a_knight_or_dame_named_by_first_name_later_is_the_same_person():
    """ "Sir Mark" after "Commissioner Sir Mark Rowley" is Mark Rowley, not a second
    person; the title does not become part of the name."""
    article = parse(
        "The report was published.\n\n"
        "Commissioner Sir Mark Rowley said: “We will study every page of it.”\n\n"
        "“It makes hard reading for the force,” Sir Mark added."
    )
    assert people_names(article) == ["Mark Rowley"]
    assert [q.speaker for q in article.quotes] == ["Mark Rowley", "Mark Rowley"]


def test_a_caption_names_a_person_and_where_the_photo_was_taken():
    article = parse(
        "The plan was approved.\n\n"
        "Ann Patel said: “It is a good day.”\n\n"
        "Ann Patel at the meeting\n\n"
        "Looking ahead\n\n"
        "More narration here."
    )
    assert [b.kind for b in article.blocks] == [
        "paragraph",
        "paragraph",
        "caption",
        "subhead",
        "paragraph",
    ]
