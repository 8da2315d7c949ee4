"""Who said each quote, and what kind of quote it is."""

from .conftest import parse


def only_quote(text):
    article = parse(text)
    quotes = [q for q in article.quotes if q.kind != "fragment"]
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_attribution_before_the_quote_with_role_and_name():
    quote = only_quote(
        "The plan was approved.\n\n"
        "Council leader Ann Patel said: “This is a good day for the town.”"
    )
    assert (quote.speaker, quote.speaker_kind, quote.kind, quote.verb) == (
        "Ann Patel",
        "person",
        "direct",
        "said",
    )


def test_title_and_surname_resolve_to_the_full_name_used_earlier():
    quote = only_quote(
        "Council leader Ann Patel backed the plan.\n\n"
        "In a letter to residents, Ms Patel wrote: “We have listened to you.”"
    )
    assert quote.speaker == "Ann Patel"
    assert quote.verb == "wrote"


def test_attribution_after_the_quote():
    quote = only_quote("Ann Patel backed it.\n\n“We have listened,” Ms Patel said.")
    assert quote.speaker == "Ann Patel"


def test_inverted_attribution_after_the_quote():
    quote = only_quote("A story.\n\n“We have listened,” said councillor Ann Patel.")
    assert quote.speaker == "Ann Patel"


def test_listener_after_told_is_not_the_speaker():
    article = parse(
        "Manager Tom Reyes spoke after the game.\n\n“We were brave,” Reyes told Sky Sports."
    )
    assert [q.speaker for q in article.quotes] == ["Tom Reyes"]
    assert "Sky Sports" not in [p.name for p in article.people]


def test_pronoun_refers_to_the_person_the_text_is_about():
    article = parse(
        "Mr Grant Hale has written to Ann Patel, the council leader, urging her to act.\n\n"
        "He wrote that the plan was flawed.\n\n"
        "He said: “It is time for a fresh look at the figures.”"
    )
    assert article.quotes[0].speaker == "Grant Hale"


def test_pronoun_after_the_quote_refers_to_the_last_subject():
    article = parse(
        "Resident Mary Oduya, 67, lives on the estate.\n\n“The smell is unbearable,” she said."
    )
    assert article.quotes[0].speaker == "Mary Oduya"


def test_organisation_speaker():
    quote = only_quote(
        "The trust was criticised.\n\nCity Hall said: “We are aware of this matter.”"
    )
    assert (quote.speaker, quote.speaker_kind) == ("City Hall", "organisation")


def test_spokesperson_speaks_for_the_one_organisation_of_that_kind():
    quote = only_quote(
        "Eastmoor Borough Council closed the pool.\n\n"
        "“Repairs would cost too much,” a council spokesperson said."
    )
    assert (quote.speaker, quote.speaker_kind) == ("Eastmoor Borough Council", "organisation")


def test_the_organisation_described_by_its_last_words_speaks():
    """ "The ambulance service" and "a spokesperson for the chamber" are the one
    organisation named with those words; a service of another sort is not guessed."""
    opening = "Eastmere Ambulance Service and Wexham Chamber of Commerce were at the meeting.\n\n"
    service = only_quote(
        opening
        + "The ambulance service said it was “disappointed by the decision of the committee”."
    )
    assert service.speaker == "Eastmere Ambulance Service"
    chamber = only_quote(
        opening + "“We have written to members,” a spokesperson for the chamber said."
    )
    assert chamber.speaker == "Wexham Chamber of Commerce"
    other = only_quote(
        opening + "The fire service said it was “ready to help as soon as it is asked”."
    )
    assert other.speaker is None


def test_spokesperson_for_a_named_organisation():
    quote = only_quote(
        "The pool closed.\n\n"
        "A spokesperson for the Environment Agency said: “We are monitoring it.”"
    )
    assert quote.speaker == "Environment Agency"


def test_unnamed_speaker_is_stored_without_a_speaker():
    quote = only_quote(
        "A protest was held.\n\n“This is the only place my children play,” one mother said."
    )
    assert quote.speaker is None
    assert quote.speaker_kind is None


def test_quote_with_no_attribution_at_all_has_no_speaker():
    quote = only_quote("A protest was held.\n\n“Nobody asked us about any of this before.”")
    assert quote.speaker is None


def test_partial_quote_inside_narration_gets_the_subject_as_speaker():
    article = parse(
        "Ann Patel, the council leader, has written to ministers.\n\n"
        'She asks them to "reconsider the funding formula before it is too late".'
    )
    quote = article.quotes[0]
    assert (quote.kind, quote.speaker, quote.verb) == ("partial", "Ann Patel", "asks")


def test_short_scare_quotes_are_fragments_without_a_speaker():
    article = parse("Ann Patel said the report found “major failings” in the service.")
    assert [(q.kind, q.speaker) for q in article.quotes] == [("fragment", None)]


def test_passive_voice_does_not_make_the_subject_the_speaker():
    article = parse(
        'Council leader Ann Patel was described as "the most divisive figure in local politics".'
    )
    assert [(q.kind, q.speaker) for q in article.quotes] == [("partial", None)]


def test_quote_interrupted_by_attribution_keeps_the_speaker_for_both_parts():
    article = parse("A story.\n\n“We tried,” said Ann Patel. “But it was not enough.”")
    assert [q.speaker for q in article.quotes] == ["Ann Patel", "Ann Patel"]


def test_unattributed_quote_paragraph_after_an_attributed_one_continues_the_speaker():
    article = parse(
        "A story.\n\nCouncil leader Ann Patel said: “We are delighted.”\n\n"
        "“It has been a long road.”"
    )
    assert [q.speaker for q in article.quotes] == ["Ann Patel", "Ann Patel"]


def test_attribution_ending_the_previous_paragraph():
    article = parse("A story.\n\nCouncil leader Ann Patel added:\n\n“It has been a long road.”")
    assert article.quotes[0].speaker == "Ann Patel"
    assert article.quotes[0].verb == "added"


def test_two_people_with_one_surname_are_not_guessed_between():
    article = parse(
        "Emma Clarke and her brother James Clarke run the bakery.\n\n"
        "“We never expected this,” Ms Clarke said.\n\n"
        "Mr Clarke agreed.\n\n"
        "“We sold out by ten,” he said."
    )
    assert [q.speaker for q in article.quotes] == [None, None]


def test_possessive_name_before_the_verb_is_not_the_speaker():
    quote = only_quote(
        "Ann Patel was in court.\n\nMs Patel’s lawyer said: “My client denies the charge.”"
    )
    assert quote.speaker is None


def test_quote_block_indexes_count_the_standfirst_as_block_zero():
    article = parse("Standfirst.\n\nNarration.\n\nAnn Patel said: “One.\n\n“Two.”")
    quote = article.quotes[0]
    assert (quote.first_block, quote.last_block) == (2, 3)


def test_went_on_attributes_the_quote():
    article = parse("Council leader Ann Patel spoke first.\n\nShe went on: “We will not give up.”")
    assert (article.quotes[0].speaker, article.quotes[0].verb) == ("Ann Patel", "went on")


def test_title_like_the_striker_refers_to_the_one_person_with_that_role():
    article = parse(
        "Town striker Kofi Mensah-Barker scored twice.\n\n“It was my day,” the striker said."
    )
    assert article.quotes[0].speaker == "Kofi Mensah-Barker"


def test_organisation_before_a_title_and_name_only_describes_the_person():
    quote = only_quote(
        "The fund opened today.\n\nWVCA mayor Sandra Okonjo said: “This will help small firms.”"
    )
    assert quote.speaker == "Sandra Okonjo"


def test_spokesperson_for_the_company_speaks_for_the_one_company():
    quote = only_quote(
        "Greystone Water released sewage 412 times.\n\n"
        "A spokeswoman for the company said: “We are investing in storm tanks.”"
    )
    assert quote.speaker == "Greystone Water"


def test_first_name_reference_in_a_human_interest_story():
    article = parse(
        "A dinner lady has won the lottery.\n\n"
        "Brenda Kettle checked her ticket at work.\n\n"
        "Brenda, who has worked at the school for 19 years, said: “I am staying put.”"
    )
    assert article.quotes[0].speaker == "Brenda Kettle"
    assert "Brenda" in article.people[0].aliases


def test_a_photo_caption_is_not_who_a_pronoun_refers_to():
    """Captions sit wherever the photo went; "He added" goes back to the narrative."""
    article = parse(
        "The bypass plan was approved.\n\n"
        "Shop owner Rob Lambert said: “The roads cannot cope.”\n\n"
        "Retired teacher Ryan Pike outside the town hall\n\n"
        "He added: “We are a small team doing everything we can.”"
    )
    assert [q.speaker for q in article.quotes] == ["Rob Lambert", "Rob Lambert"]


def test_an_organisation_with_its_acronym_before_a_title_and_name_only_describes_them():
    quote = only_quote(
        "Sewage spills rose.\n\n"
        "The Environment Protection Agency (EPA) director Dave Kenyon said: “We are frustrated.”"
    )
    assert quote.speaker == "Dave Kenyon"


def test_a_named_person_described_as_an_organisations_representative_is_the_speaker():
    """In "Jane Doe, 44, a representative of the union, said:" the words are Jane Doe's,
    not the union's, before the quote and after it."""
    article = parse(
        "Drivers walked out on Tuesday.\n\n"
        "Tamsin Yeadon, 44, a representative of the Bus Workers’ Union, said: “We have "
        "waited long enough.”\n\n"
        "“We will not accept this,” said Jasper Kerr, a representative of the Public "
        "Services Union."
    )
    assert [(q.speaker, q.speaker_kind) for q in article.quotes] == [
        ("Tamsin Yeadon", "person"),
        ("Jasper Kerr", "person"),
    ]


def test_the_union_or_the_association_is_the_one_of_that_kind_the_article_names():
    article = parse(
        "The Bus Workers’ Union balloted its members over pay.\n\n"
        "In a statement, the union said: “Our members have spoken.”"
    )
    assert (article.quotes[0].speaker, article.quotes[0].speaker_kind) == (
        "Bus Workers’ Union",
        "organisation",
    )


def test_according_to_a_named_person_before_a_partial_quote():
    article = parse(
        "Council leader Ann Patel backed the scheme.\n\n"
        "According to Ms Patel, the new road layout is “the safest the town has had”."
    )
    assert [(q.speaker, q.kind, q.verb) for q in article.quotes] == [
        ("Ann Patel", "partial", "according to")
    ]


def test_the_group_is_the_one_campaign_group_the_article_names():
    article = parse(
        "Friends of Hollin Park collected 2,000 signatures.\n\n"
        "A spokesperson for the group said: “The park must stay open.”"
    )
    assert (article.quotes[0].speaker, article.quotes[0].speaker_kind) == (
        "Friends of Hollin Park",
        "organisation",
    )
