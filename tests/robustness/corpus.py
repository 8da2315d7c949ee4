"""Plain-text local-news articles made up on demand, for import tests and `make stress`.

Every article names the same councillors and organisations (so that runs
importing at the same time contend for the same rows) and one resident of its
own, and quotes each of them: the real parser reads them, as it would a
reporter's file.
"""

import random
from pathlib import Path

SHARED_PEOPLE = ("Jane Okafor", "Tom Reyes")
SHARED_ORGANISATIONS = ("Riverside Borough Council", "Crown Prosecution Service")
FIRST_NAMES = (
    "Declan Brenda Imran Lucy Marcus Nadia Owen Fiona Gareth Hannah Kwame Rosa Stefan Tara Victor "
    "Wendy Aidan Bethany Callum Delia Ewan Farah Gideon Isla Jonah"
).split()
SURNAMES = (
    "Ashworth Bellamy Carver Dunmore Ellison Fairbairn Garside Holloway Ingram Jessop Kettering "
    "Lockwood Marchant Northcott Ormerod Pickering Quayle Rushworth Sowerby Thackeray Underhill "
    "Varley Whitfield Yardley Zetland"
).split()
TOPICS = (
    ("library", "opening hours at the central library"),
    ("bus", "the evening bus service to the estate"),
    ("parking", "parking charges on the seafront"),
    ("school", "the new primary school on Mill Lane"),
    ("park", "floodlights in Victoria Park"),
    ("housing", "repairs to the tower blocks"),
)
STREETS = "Mill Lane, Harbour Road, Station Street, Castle Walk, Orchard Way".split(", ")


def resident(number: int) -> str:
    """The one person only article ``number`` names (625 different ones)."""
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    return f"{first} {SURNAMES[(number // len(FIRST_NAMES)) % len(SURNAMES)]}"


def article_text(number: int) -> str:
    rng = random.Random(number)
    word, subject = rng.choice(TOPICS)
    leader, chair = SHARED_PEOPLE
    council, prosecutors = SHARED_ORGANISATIONS
    neighbour = resident(number)
    street = rng.choice(STREETS)
    age = rng.randint(24, 88)
    return f"""Headline: Row over {subject} deepens, report {number}
Tags: {word.capitalize()}, Riverside

{council} will review {subject} after more than {rng.randint(2, 900)} residents signed a \
petition, the authority confirmed on {rng.choice(["Monday", "Tuesday", "Friday"])}.

Councillor {leader}, the council leader, said: “We have listened to people on {street} and \
we will come back with a better plan for the {word} within weeks.”

{neighbour}, {age}, who has lived on {street} for {rng.randint(2, 40)} years, said the \
decision had left neighbours angry. “Nobody asked us before the {word} plans were drawn up, \
and that is not how a council should treat the people who pay for it,” {neighbour.split()[0]} said.

{chair}, chair of the residents’ association, said: “We will keep the pressure on until the \
council puts its promises in writing.”

A spokesperson for the {prosecutors} said: “We have received a file about damage to \
council property on {street} and it is being reviewed.”

Mr {chair.split()[1]} added: “This is about trust as much as it is about the {word}.”
"""


def write_articles(folder: Path, count: int, *, first: int = 0) -> list[Path]:
    """Write articles ``first`` … ``first + count - 1`` into ``folder``, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + count):
        path = folder / f"report-{number:04}.txt"
        path.write_text(article_text(number), encoding="utf-8")
        paths.append(path)
    return paths
