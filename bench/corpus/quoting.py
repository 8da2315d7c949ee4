"""Quotes: organisations' statements and people's words, attributed before or after,
interrupted, partial or running over several paragraphs, each noted in the truth."""

from .chance import between, choose
from .draft import upper_first
from .narration import Narration
from .phrases import (
    ACCORDING_TO,
    FIRST_VERBS,
    INTERRUPTED,
    ORGANISATION_PARTIALS,
    ORGANISATION_QUOTES,
    PARTIAL_LEADS,
    PERSON_PREDICATES,
    POST_VERBS,
    PRE_VERBS,
    QUESTIONS,
    SPEAKING_OCCASIONS,
)
from .pool import Organisation, Person
from .vocabulary import SPOKESPERSON_ADJECTIVES


def before_attribution(text: str) -> str:
    """ "…plans." as it reads before “, she said”: "…plans," (a question keeps its mark)."""
    return text[:-1] + "," if text.endswith(".") else text


class Quoting(Narration):
    """Paragraphs with quotes in them; each returns how many body paragraphs it wrote."""

    # Organisations speaking --------------------------------------------------------------
    def statement(self) -> int:
        """An organisation's words: "The council said: …", "a police spokesperson said"."""
        rng = self.rng
        organisation = choose(rng, self.cast_organisations)
        adjective = SPOKESPERSON_ADJECTIVES.get(organisation.kind)
        if adjective and organisation in self.organisations and rng.random() < 0.3:
            return self.said(organisation, f"a {adjective} spokesperson")
        name = self.org_name(organisation)
        form = between(rng, 0, 4)
        if form == 0:
            phrase = choose(rng, ORGANISATION_PARTIALS)
            block = self.block
            self.paragraph(self.fill("{org} said it was ", org=name) + self.quoted(phrase) + ".")
            self.record(phrase, organisation, "partial", block)
            return 1
        if form == 1:
            text = self.sentences(1, 2, ORGANISATION_QUOTES)
            block = self.block
            who = f"a spokesperson for {name}"
            self.paragraph(f"{self.quoted(before_attribution(text))} {who} said.")
            self.record(before_attribution(text), organisation, "direct", block)
            return 1
        lead = ("{who}", "In a statement, {who}", "A spokesperson for {who}")[form - 2]
        return self.said(organisation, self.fill(lead, who=name, capitalise=False))

    def said(self, speaker, subject: str, verb: str = "said", bank: tuple = ()) -> int:
        """`Subject said: “…”`: the commonest attribution, before the quote."""
        bank = bank or (ORGANISATION_QUOTES if isinstance(speaker, Organisation) else ())
        text = self.sentences(1, 3, bank)
        block = self.block
        self.paragraph(self.fill("{who} {verb}: ", who=subject, verb=verb) + self.quoted(text))
        self.record(text, speaker, "direct", block)
        return 1

    # People speaking ---------------------------------------------------------------------
    def first_words(self, person: Person, left: int) -> int:
        """A person's first appearance, named in full: speaking, or introduced in narration."""
        rng = self.rng
        apposition = rng.random() < 0.5
        form = choose(rng, ("said", "said", "occasion", "post", "partial", "narration", "multi"))
        if form == "post":
            named = self.introduce(person, apposition=apposition, ending="")
            return self.after(person, f"said {named}")
        subject = self.introduce(person, apposition=apposition)
        if form == "multi" and left >= 2:
            return self.multi_paragraph(person, subject, left)
        if form == "partial":
            return self.partial(person, subject)
        if form == "narration":
            (predicate,) = self.pick(PERSON_PREDICATES, 1, capitalise=False)
            return self.paragraph(upper_first(f"{subject} {predicate}."))
        if form == "occasion":  # "Speaking after the vote, Jane Doe said:"
            occasion = self.fill(choose(rng, SPEAKING_OCCASIONS))
            return self.said(person, f"{occasion}, {subject}", choose(rng, ("said", "added")))
        return self.said(person, subject, self.verb(FIRST_VERBS))

    def follow_up(self, person: Person, left: int) -> int:
        """Someone already named speaks again: "She added: …", "…,” Ms Doe said." """
        rng = self.rng
        bare = self.speaker is person and self.last_quote_block == self.block - 1
        forms = ["said", "said", "after", "after", "carry", "interrupted", "question", "partial"]
        forms += ["narration", "about", "multi"] + ["bare"] * bare
        form = choose(rng, forms)
        if form == "about":  # no quote: "She has followed the issue closely for years."
            (predicate,) = self.pick(PERSON_PREDICATES, 1, capitalise=False)
            return self.paragraph(upper_first(f"{self.refer(person)} {predicate}."))
        if form == "bare":  # a new paragraph of quote right after the speaker's last one
            text = self.sentences()
            block = self.block
            self.paragraph(self.quoted(text))
            self.record(text, person, "direct", block)
            return 1
        if form == "after":
            if rng.random() < 0.3:
                return self.after(person, f"{choose(rng, POST_VERBS)} {self.title(person)}")
            return self.after(person, f"{self.refer(person)} {self.verb(POST_VERBS)}")
        if form in ("carry", "interrupted", "question"):
            return self.after(person, f"{self.refer(person)} said", form)
        if form == "narration":  # "Ms Doe has lived … She said: “…”"
            (predicate,) = self.pick(PERSON_PREDICATES, 1, capitalise=False)
            opening = f"{self.title(person)} {predicate}. "
            self.mention(person)
            subject = opening + upper_first(self.refer(person, pronoun=1.0))
            return self.said(person, subject, self.verb(PRE_VERBS))
        subject = self.refer(person)
        if form == "multi" and left >= 2:
            return self.multi_paragraph(person, subject, left)
        if form == "partial":
            return self.partial(person, subject, named=subject == self.title(person))
        return self.said(person, subject, self.verb(PRE_VERBS))

    def verb(self, verbs: tuple[str, ...]) -> str:
        """A speech verb, now and then "told the Riverside Post": the paper is not the speaker."""
        if self.rng.random() < 0.06:
            return f"told {self.org_name(self.publication)}"
        return choose(self.rng, verbs)

    def after(self, person: Person, attribution: str, form: str = "") -> int:
        """Attribution after the quote: `“…,” she said.`, then maybe more of the quote."""
        rng = self.rng
        block = self.block
        if form == "interrupted":
            head, tail = choose(rng, INTERRUPTED)
            head += ","
            text = f"{self.quoted(head)} {attribution}, {self.quoted(tail)}"
        elif form == "question":
            head = choose(rng, QUESTIONS)
            text = f"{self.quoted(head)} {attribution.replace(' said', ' asked')}."
        else:
            head = before_attribution(self.sentences(1, 2))
            text = f"{self.quoted(head)} {attribution}."
        self.paragraph(text)
        self.record(head, person, "direct", block)
        if form == "interrupted":
            self.record(tail, person, "direct", block)
        elif form == "carry":
            more = self.sentences(1, 2)
            self.blocks[-1] = ("paragraph", f"{text} {self.quoted(more)}")
            self.record(more, person, "direct", block)
        return 1

    def partial(self, speaker: Person, subject: str, *, named: bool = False) -> int:
        """A few words quoted inside the reporter's sentence: kind "partial". ``named``:
        the subject is a plain name ("Ms Doe"), which "According to" can take."""
        rng = self.rng
        phrase = choose(rng, self.banks["partials"])
        template = ACCORDING_TO if named and rng.random() < 0.3 else choose(rng, PARTIAL_LEADS)
        block = self.block
        self.paragraph(self.fill(template, who=subject, partial=self.quoted(phrase)))
        self.record(phrase, speaker, "partial", block)
        return 1

    def multi_paragraph(self, person: Person, subject: str, left: int) -> int:
        """A quote over several paragraphs: each opens with a quote mark, only the last closes.
        A photo caption of the speaker may sit between two of them, as in the seeds."""
        rng = self.rng
        count = min(left, between(rng, 2, 4))
        pieces = [self.sentences(1, 2) for _ in range(count)]
        first = self.block
        opening = self.fill("{who} said: ", who=subject) + self.quoted(pieces[0], closed=False)
        self.paragraph(opening)
        for number, piece in enumerate(pieces[1:], start=2):
            if self.may_caption(person) and rng.random() < 0.2:
                self.caption(person)
            self.paragraph(self.quoted(piece, closed=number == count))
        self.record("\n\n".join(pieces), person, "direct", first, self.block - 1)
        return count
