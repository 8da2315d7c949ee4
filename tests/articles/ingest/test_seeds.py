"""Acceptance on the two seed articles, as the importer issue states it (no database)."""

from articles.ingest import read_article

from .conftest import SEEDS

LINDEN, BIGGS, OCONNELL = "Sophie Linden", "John Biggs", "Steve O’Connell"


def seed(name):
    return read_article(SEEDS / name)


def block_kinds(article, kind):
    return [b.text for b in article.blocks if b.kind == kind]


def spoken(article):
    return [q for q in article.quotes if q.kind in ("direct", "partial")]


def test_first_seed_structure():
    article = seed("000_dd04de34802941bf.txt")
    assert block_kinds(article, "subhead") == ["Command trust and confidence", "A serious crime"]
    assert block_kinds(article, "caption") == [
        "Deputy mayor for policing Sophie Linden",
        "Tower Hamlets mayor John Biggs",
    ]
    assert article.dropped == (
        "Follow The Wharf on Twitter and Instagram @thewharfnews",
        "Keep up to date with all our articles on Facebook",
    )
    assert article.publication == "The Wharf"
    assert article.headline_is_provisional
    assert len(article.headline) <= 100


def test_first_seed_quotes():
    article = seed("000_dd04de34802941bf.txt")
    blocks = article.blocks
    linden, partial, biggs = spoken(article)

    assert (linden.speaker, linden.kind) == (LINDEN, "direct")
    assert linden.text.startswith("It is right, particularly in cases such as these")
    assert linden.text.endswith("considered and pursued.")
    assert linden.last_block - linden.first_block == 2
    assert len(linden.text.split("\n\n")) == 3

    assert (partial.speaker, partial.kind) == (LINDEN, "partial")
    assert partial.text.startswith("exercise her powers provided fro in Section 54")
    assert partial.text.endswith("future improvement.")

    assert (biggs.speaker, biggs.kind) == (BIGGS, "direct")
    assert biggs.text.startswith("I welcome the decision.")
    assert biggs.text.endswith("happen again.")
    assert len(biggs.text.split("\n\n")) == 4
    assert "Tower Hamlets mayor John Biggs" not in biggs.text
    inside = blocks[biggs.first_block : biggs.last_block + 1]
    assert [b.kind for b in inside].count("caption") == 1


def test_second_seed_structure():
    article = seed("001_44f7eabe70aae345.txt")
    assert block_kinds(article, "subhead") == [
        "Unwilling to act",
        "A ruthless search for the truth. Not in Tower Hamlets",
        "Deep frustration",
        "Rahman's fightback",
    ]
    assert block_kinds(article, "caption") == ["Disgraced former mayor Lutfur Rahman"]


def test_second_seed_quotes():
    article = seed("001_44f7eabe70aae345.txt")
    first, second, biggs, erlam, city_hall = spoken(article)

    assert first.speaker == OCONNELL
    assert first.text.startswith("During our investigation")
    assert first.text.endswith("world-leading police force.")
    assert len(first.text.split("\n\n")) == 2

    assert second.speaker == OCONNELL  # attributed by "He said:"
    assert second.text.startswith("It is time therefore")
    assert second.text.endswith("the democratic process.")
    assert len(second.text.split("\n\n")) == 3
    assert "Disgraced former mayor" not in second.text

    assert biggs.speaker == BIGGS
    assert biggs.text.startswith("Despite a High Court judge")
    assert biggs.text.endswith("responsible to justice.")
    assert len(biggs.text.split("\n\n")) == 3

    assert erlam.speaker == "Andy Erlam"
    assert erlam.text.startswith("I congratulate the committee")
    assert erlam.text.endswith("public funds.")

    assert (city_hall.speaker, city_hall.speaker_kind) == ("City Hall", "organisation")
    assert city_hall.text.startswith("We are aware of this matter")
    assert city_hall.text.endswith("this process.")


def test_scare_quotes_in_the_seeds_are_fragments_without_speakers():
    for name in ("000_dd04de34802941bf.txt", "001_44f7eabe70aae345.txt"):
        fragments = [q for q in seed(name).quotes if q.kind == "fragment"]
        assert {q.text for q in fragments} <= {"major failings", "shocked"}
        assert all(q.speaker is None for q in fragments)


def test_seed_people_are_the_five_real_individuals():
    names = set()
    for name in ("000_dd04de34802941bf.txt", "001_44f7eabe70aae345.txt"):
        names |= {p.name for p in seed(name).people}
    assert names == {"Lutfur Rahman", LINDEN, BIGGS, OCONNELL, "Andy Erlam"}


def test_seed_roles_and_aliases():
    people = {p.name: p for p in seed("000_dd04de34802941bf.txt").people}
    assert people[LINDEN].role == "Deputy mayor for policing"
    assert people[BIGGS].role == "Mayor of Tower Hamlets"
    assert set(people["Lutfur Rahman"].aliases) == {"Mr Rahman", "Rahman"}
    assert "Ms Linden" in people[LINDEN].aliases


def test_seed_organisations_with_aliases():
    orgs = {o.name: o for o in seed("001_44f7eabe70aae345.txt").organisations}
    assert {"the Met", "Met Police"} <= set(orgs["Metropolitan Police"].aliases)
    assert orgs["Her Majesty’s Inspectorate of Constabulary"].acronym == "HMIC"
    assert orgs["Crown Prosecution Service"].acronym == "CPS"
    for name in ("London Assembly", "City Hall", "Solicitors Regulation Authority"):
        assert name in orgs
    assert sum(1 for name in orgs if "Inspectorate" in name) == 1
