"""An article being written: its blocks and truth so far, and the primitives the writer
builds paragraphs with (filling templates, quote marks, dealing sentences, noting quotes).

The writer is a stack of classes, each a kind of writing on top of the one below:
``Draft`` (here), ``Naming`` (naming.py), ``Narration`` (narration.py), ``Quoting``
(quoting.py) and ``Writer`` (writer.py), which plans the article and finishes it.
"""

import random

from .chance import amount, between, choose, street
from .pool import Organisation, Person, Pool, draw_cast
from .topics import BANKS, TOPIC_NAMES, TOPICS
from .vocabulary import DAYS, MONTHS, PLACES, PUBLICATIONS

CURLY, STRAIGHT = ("“", "”"), ('"', '"')


def upper_first(text: str) -> str:
    """The text with its first letter a capital (``str.capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]


class Slots(dict):
    """Template values made on demand: each "{street}" is a new street."""

    def __init__(self, draft: "Draft"):
        super().__init__()
        rng = draft.rng
        self.makers = {
            "place": lambda: draft.place,
            "place2": lambda: choose(rng, [p for p in PLACES if p != draft.place]),
            "street": lambda: street(rng),
            "thing": lambda: draft.thing,
            "day": lambda: choose(rng, DAYS),
            "month": lambda: choose(rng, MONTHS),
            "year": lambda: str(between(rng, 2009, 2023)),
            "year2": lambda: str(between(rng, 2025, 2030)),
            "number": lambda: f"{between(rng, 120, 9800):,}",
            "number2": lambda: str(between(rng, 3, 60)),
            "percent": lambda: str(between(rng, 8, 70)),
            "miles": lambda: str(between(rng, 6, 40)),
            "minutes": lambda: str(between(rng, 15, 95)),
            "amount": lambda: amount(rng),
        }  # fmt: skip

    def __missing__(self, key: str) -> str:
        return self.makers[key]()


class Draft:
    """One article's state, block by block, with the truth noted as it goes."""

    def __init__(self, pool: Pool, rng: random.Random, name: str):
        # Every draw from ``rng`` here happens in this order, and the corpus's bytes with it.
        self.rng, self.pool, self.name = rng, pool, name
        self.topic_name = choose(rng, TOPIC_NAMES)
        self.topic = TOPICS[self.topic_name]
        self.place = choose(rng, PLACES)
        self.slots = Slots(self)
        self.thing = self.fill(choose(rng, self.topic["things"]), capitalise=False)
        self.marks = rng.choices(("curly", "straight", "mixed"), weights=(6, 2, 2))[0]
        self.blocks: list[tuple[str, str]] = []  # (kind, text), as the parser should number them
        self.quotes: list[dict] = []
        self.people: dict[Person, None] = {}  # everyone named, in order (dicts keep order)
        self.organisations: dict[Organisation, None] = {}
        self.introduced: set[Person] = set()  # named in full in the body, not just a caption
        self.recent: list[tuple[int, Person, bool]] = []  # (block, person, in the body)
        self.acronyms: set[Organisation] = set()  # defined in brackets, so usable alone
        self.titles: dict[Person, str] = {}  # "Ms", "Cllr", "Dr"…: one per person per article
        self.speaker: Person | None = None  # who gave the last quote, for follow-ups
        self.last_quote_block = -1
        self.captioned: list[Person] = []  # each person's photo appears once at most
        self.used: dict[int, set[int]] = {}  # by the id of a bank, the sentences used
        self.banks = BANKS[self.topic_name]
        main_kind = choose(rng, self.topic["kinds"])
        self.cast_people, self.cast_organisations = draw_cast(rng, pool, main_kind)
        name, takes_the, self.handle = choose(rng, PUBLICATIONS)
        self.publication = Organisation(name, "media", "", takes_the, "newspaper")

    @property
    def block(self) -> int:
        """The index of the block being written: the standfirst is block 0."""
        return len(self.blocks)

    def paragraph(self, text: str) -> int:
        self.blocks.append(("paragraph", text))
        return 1

    def fill(self, template: str, *, capitalise: bool = True, **values: str) -> str:
        if "{" not in template:
            return upper_first(template) if capitalise else template
        self.slots.clear()
        self.slots.update(values)
        text = template.format_map(self.slots)
        return upper_first(text) if capitalise else text

    def quoted(self, text: str, *, closed: bool = True) -> str:
        opening, closing = STRAIGHT if self.marks == "straight" else CURLY
        if self.marks == "mixed" and self.rng.random() < 0.5:
            opening, closing = STRAIGHT
        return f"{opening}{text}{closing if closed else ''}"

    def pick(self, bank: tuple[str, ...], count: int, capitalise=True, **values: str) -> list[str]:
        """``count`` sentences of ``bank`` filled in, none the article has used if it can
        help it: a speaker who repeats a sentence word for word reads like a machine."""
        used = self.used.setdefault(id(bank), set())  # indexes of bank already dealt
        if len(used) + count > len(bank):
            used.clear()  # only a long article comes back to a sentence
        chosen = []
        while len(chosen) < count:
            index = int(self.rng.random() * len(bank))
            if index not in used:
                used.add(index)
                chosen.append(bank[index])
        return [self.fill(sentence, capitalise=capitalise, **values) for sentence in chosen]

    def sentences(self, low: int = 1, high: int = 3, bank: tuple = ()) -> str:
        """Words for a quote: one to three sentences of the topic's, or of ``bank``."""
        bank = bank or self.banks["quotes"]
        return " ".join(self.pick(bank, between(self.rng, low, high)))

    def record(self, text: str, speaker, kind: str, first: int, last: int | None = None) -> None:
        """Note a quote as the truth: its words without the outer marks, and who said them."""
        last = first if last is None else last
        is_person = isinstance(speaker, Person)
        self.quotes.append({
            "text": text,
            "speaker": speaker.full if is_person else speaker.name,
            "speaker_kind": "person" if is_person else "organisation",
            "kind": kind,
            "first_block": first,
            "last_block": last,
        })  # fmt: skip
        self.speaker = speaker if is_person and kind == "direct" else None
        self.last_quote_block = last
        if is_person:
            self.recent.append((last, speaker, True))
