"""The invented people and organisations a corpus draws from, and each article's cast.

Both are drawn with a Zipf-like skew, so that, as in real coverage, a few turn up in a
large share of articles and most only now and then.
"""

import bisect
import random
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .chance import between, street
from .vocabulary import (
    FEMALE_NAMES,
    FIELDS,
    MALE_NAMES,
    ORGANISATIONS,
    PLACES,
    PORTFOLIOS,
    ROLES,
    SERVICES,
    SHOPS,
    SURNAMES,
    Role,
)

PEOPLE_IN_POOL = 400


@dataclass(frozen=True, eq=False)  # one object per entity: compared by identity
class Organisation:
    name: str
    kind: str
    acronym: str
    takes_the: bool
    generic: str  # "council": "the council", when it is the article's only council


@dataclass(frozen=True, eq=False)  # one object per entity: compared by identity
class Person:
    first: str
    last: str
    female: bool
    role: Role
    organisation: Organisation | None
    details: tuple  # (portfolio, service, field, shop, home, home street, years there, age)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Pool:
    people: tuple[Person, ...]
    people_weights: tuple[float, ...]  # cumulative, Zipf-like by rank
    organisations: tuple[Organisation, ...]
    organisation_weights: tuple[float, ...]


def zipf_weights(count: int) -> tuple[float, ...]:
    """Cumulative weights 1/(rank + 2): the first few recur, the long tail appears rarely."""
    return tuple(accumulate(1 / (rank + 2) for rank in range(1, count + 1)))


def draw(rng: random.Random, items: tuple, cumulative: tuple[float, ...]):
    """One of ``items``, by the ``cumulative`` weights ``zipf_weights`` made."""
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


@lru_cache(maxsize=8)
def build_pool(seed: int) -> Pool:
    """The invented people and organisations every article of a corpus draws from."""
    rng = random.Random(f"pool:{seed}")
    organisations = [Organisation(*entry) for entry in ORGANISATIONS]
    by_kind: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.kind, []).append(organisation)
    names = [(first, True) for first in FEMALE_NAMES] + [(first, False) for first in MALE_NAMES]
    people: list[Person] = []
    taken: set[tuple[str, str]] = set()
    while len(people) < PEOPLE_IN_POOL:
        (first, female), last = rng.choice(names), rng.choice(SURNAMES)
        if (first, last) in taken:
            continue
        taken.add((first, last))
        role = rng.choice(ROLES)
        details = (
            rng.choice(PORTFOLIOS), rng.choice(SERVICES), rng.choice(FIELDS), rng.choice(SHOPS),
            rng.choice(PLACES), street(rng), rng.randint(3, 45),
        )  # fmt: skip
        details += (details[-1] + rng.randint(18, 45),)  # an age: older than years lived there
        kind = role.organisation_kind
        organisation = rng.choice(by_kind[kind]) if kind else None
        people.append(Person(first, last, female, role, organisation, details))
    rng.shuffle(organisations)  # people come in random order already; rank is the order
    return Pool(
        tuple(people),
        zipf_weights(len(people)),
        tuple(organisations),
        zipf_weights(len(organisations)),
    )


def draw_cast(
    rng: random.Random, pool: Pool, main_kind: str
) -> tuple[list[Person], list[Organisation]]:
    """An article's people and organisations, drawn with the pool's skew, none a reader
    could confuse; the first organisation, of ``main_kind``, is the one the story is about."""
    by_kind: dict[str, Organisation] = {}
    while main_kind not in by_kind:
        organisation = draw(rng, pool.organisations, pool.organisation_weights)
        if organisation.kind == main_kind:
            by_kind[main_kind] = organisation
    people: list[Person] = []
    wanted = between(rng, 2, 5)
    for _ in range(100):
        if len(people) == wanted:
            break
        person = draw(rng, pool.people, pool.people_weights)
        home = person.organisation
        if home and by_kind.get(home.kind, home) != home:
            continue  # two councils would make "the council" ambiguous
        if any(p.last == person.last or p.first == person.first for p in people):
            continue  # "Ms Doe" must name one person
        people.append(person)
        if home:
            by_kind[home.kind] = home
    for _ in range(between(rng, 0, 2)):
        organisation = draw(rng, pool.organisations, pool.organisation_weights)
        by_kind.setdefault(organisation.kind, organisation)
    main = by_kind[main_kind]
    return people, [main, *[o for o in by_kind.values() if o is not main]]
