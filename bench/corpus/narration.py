"""The reporter's own blocks: the standfirst, narration, subheads and photo captions."""

from .chance import between, choose
from .naming import Naming
from .phrases import CAPTIONS, ORGANISATION_SENTENCES
from .pool import Person

MAX_CAPTIONS = 3


class Narration(Naming):
    """Blocks nobody is quoted in."""

    def standfirst(self) -> None:
        organisation = self.org_name(self.cast_organisations[0], define=True)
        self.paragraph(self.fill(choose(self.rng, self.topic["standfirsts"]), org=organisation))

    def narration(self) -> int:
        rng = self.rng
        sentences = self.pick(self.banks["narration"], between(rng, 1, 3))
        if rng.random() < 0.4:
            organisation = self.org_name(choose(rng, self.cast_organisations), define=True)
            at = between(rng, 0, len(sentences))
            sentences[at:at] = self.pick(ORGANISATION_SENTENCES, 1, org=organisation)
        return self.paragraph(" ".join(sentences))

    def subhead(self) -> None:
        (text,) = self.pick(self.banks["subheads"], 1)
        self.blocks.append(("subhead", text))

    def may_caption(self, person: Person) -> bool:
        """At most one photo of each person, and only of someone the story has introduced."""
        return (
            len(self.captioned) < MAX_CAPTIONS
            and person in self.introduced
            and person not in self.captioned
        )

    def caption(self, person: Person) -> None:
        self.mention(person, in_body=False)
        template = choose(self.rng, CAPTIONS)
        text = self.fill(template, prefix=self.role_words(person, "prefix"), full=person.full)
        self.blocks.append(("caption", text))
        self.captioned.append(person)
