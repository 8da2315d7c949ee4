"""How the writer names people and organisations: in full at first, later by title and
surname, by pronoun where a reader cannot mistake it, or by acronym and generic noun."""

from .chance import choose
from .draft import Draft
from .pool import Organisation, Person
from .vocabulary import AGED_ROLES


class Naming(Draft):
    """First and later mentions, each noted so that the truth lists who the text names."""

    # Naming people -----------------------------------------------------------------------
    def role_words(self, person: Person, part: str) -> str:
        """The role's "prefix" or "appositive", filled in for this person."""
        portfolio, service, field, shop, home, home_street, years, _ = person.details
        female_chair = "chairwoman" if person.female else "chairman"
        template = getattr(person.role, part)
        organisation = ""
        if "{org}" in template:
            organisation = self.org_name(person.organisation, short=False)
        return template.format(
            org=organisation, portfolio=portfolio, service=service, field=field, shop=shop,
            home=home, home_street=home_street, years=years,
            chair=choose(self.rng, ("chair", female_chair)),
        )  # fmt: skip

    def introduce(self, person: Person, *, apposition: bool, ending: str = ",") -> str:
        """A first mention in full: "council leader Jane Doe", "Jane Doe, 54," or
        "Jane Doe, the leader of X," (``ending`` closes a phrase that has commas)."""
        self.mention(person)
        self.introduced.add(person)
        parts = [
            person.full if apposition else f"{self.role_words(person, 'prefix')} {person.full}"
        ]
        if person.role.key in AGED_ROLES and self.rng.random() < 0.4:
            parts.append(str(person.details[-1]))
        if apposition:
            parts.append(self.role_words(person, "appositive"))
        return ", ".join(parts) + (ending if len(parts) > 1 else "")

    def mention(self, person: Person, *, in_body: bool = True) -> None:
        self.people.setdefault(person)
        self.recent.append((self.block, person, in_body))

    def title(self, person: Person) -> str:
        """ "Ms Doe", or the person's own title: "Dr Doe", "Det Insp Doe", sometimes "Cllr Doe"."""
        if person not in self.titles:
            own = person.role.title
            use_own = own and (own != "Cllr" or self.rng.random() < 0.5)
            self.titles[person] = own if use_own else ("Ms" if person.female else "Mr")
        return f"{self.titles[person]} {person.last}"

    def pronoun_allowed(self, person: Person) -> bool:
        """Named last in the body, in this paragraph or the one before, and nobody else
        of that sex named (a caption included) in the three paragraphs before this one."""
        previous = self.block - 1
        if self.blocks and self.blocks[previous][0] == "caption":
            previous -= 1  # a reader skips the photo caption
        named = next(((block, other) for block, other, body in reversed(self.recent) if body), None)
        if named is None or named[1] is not person or named[0] < previous:
            return False
        for block, other, _ in reversed(self.recent):  # in block order: stop once out of reach
            if block < self.block - 3:
                break
            if other is not person and other.female == person.female:
                return False
        return True

    def refer(self, person: Person, *, pronoun: float = 0.5) -> str:
        """A later mention: "she" (with chance ``pronoun``) where a reader cannot mistake
        it, else "Ms Doe"."""
        use_pronoun = self.pronoun_allowed(person) and self.rng.random() < pronoun
        self.mention(person)
        if use_pronoun:
            return "she" if person.female else "he"
        return self.title(person)

    # Naming organisations ----------------------------------------------------------------
    def org_name(self, organisation: Organisation, *, define: bool = False, short=True) -> str:
        """In full the first time ("the Regional Transport Authority (RTA)" where it is
        defined), later perhaps "the RTA" or, being the only authority, "the authority"."""
        known = organisation in self.organisations
        self.organisations.setdefault(organisation)
        full = f"the {organisation.name}" if organisation.takes_the else organisation.name
        if not known:
            if define and organisation.acronym and self.rng.random() < 0.6:
                self.acronyms.add(organisation)
                return f"{full} ({organisation.acronym})"
            return full
        roll = self.rng.random() if short else 1.0
        if organisation in self.acronyms and roll < 0.35:
            return f"the {organisation.acronym}"
        return f"the {organisation.generic}" if roll < 0.6 else full
