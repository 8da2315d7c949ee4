"""The article as a whole: the beats that make up its body, the headline or front matter
above it, the footer below it, and the truth it hands back."""

from dataclasses import dataclass

from .chance import between, choose
from .quoting import Quoting
from .vocabulary import MONTHS, REPORTERS

MIN_PARAGRAPHS, MAX_PARAGRAPHS = 15, 40  # body paragraphs: no standfirst, subheads, captions


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # the file name, e.g. "article-00001.txt"
    text: str  # the article as a reporter would file it
    truth: dict  # what the parser should find, JSON-serialisable (see "The truth" in __init__.py)


class Writer(Quoting):
    """Writes one article block by block, noting the truth as it goes."""

    def beat(self, left: int) -> int:
        """Write the next paragraph or few; return how many body paragraphs were written."""
        rng = self.rng
        newcomers = [p for p in self.cast_people if p not in self.introduced]
        known = [p for p in self.cast_people if p in self.introduced]
        roll = rng.random()
        if roll < 0.36 or not self.cast_people:
            return self.narration()
        if roll < 0.46:
            return self.statement()
        if newcomers and (roll < 0.66 or not known):
            return self.first_words(newcomers[0], left)
        speaker = self.speaker if self.speaker in known and roll < 0.9 else choose(rng, known)
        return self.follow_up(speaker, left)

    def write(self) -> GeneratedArticle:
        """The standfirst, then beats until the paragraph count, a subhead every few."""
        rng = self.rng
        target = between(rng, MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        self.standfirst()
        written = since_subhead = 0
        gap = between(rng, 4, 8)
        while written < target:
            if since_subhead >= gap and target - written >= 2:
                self.subhead()
                since_subhead, gap = 0, between(rng, 4, 9)
            elif rng.random() < 0.08 and (
                pictured := [p for p in self.cast_people if self.may_caption(p)]
            ):
                self.caption(choose(rng, pictured))
            count = self.beat(target - written)
            written += count
            since_subhead += count
        return self.finish(target)

    def finish(self, paragraphs: int) -> GeneratedArticle:
        """Headline or front matter above, footer lines below, and the truth."""
        rng = self.rng
        headline = self.fill(choose(rng, self.topic["headlines"]))
        placement = rng.random()  # front matter on 3 articles in 10, a first line on 2
        if placement < 0.3:
            lead = [self.front_matter(headline)]
        elif placement < 0.5:
            lead = [headline]  # "a short line without a full stop, above the standfirst"
        else:
            lead, headline = [], ""  # as in the seeds: the importer makes one up
        footer = self.footer()
        body = [text for _, text in self.blocks]
        text = "\n\n".join([*lead, *body, *footer]) + "\n"
        truth = {
            "name": self.name,
            "headline": headline,
            "people": [person.full for person in self.people],
            "organisations": [organisation.name for organisation in self.organisations],
            "quotes": self.quotes,
            "blocks": len(self.blocks),
            "paragraphs": paragraphs,
            "subheads": [text for kind, text in self.blocks if kind == "subhead"],
            "captions": [text for kind, text in self.blocks if kind == "caption"],
            "footer": footer,
        }
        if self.marks == "straight":  # whoever types straight quote marks types ' too
            text, truth = straighten(text), straighten(truth)
        return GeneratedArticle(self.name, text, truth)

    def front_matter(self, headline: str) -> str:
        rng = self.rng
        day, month, year = between(rng, 1, 28), between(rng, 1, 12), between(rng, 2023, 2025)
        published = f"{year}-{month:02}-{day:02}"
        if rng.random() < 0.5:
            published = f"{day} {MONTHS[month - 1]} {year}"
        lines = [f"Headline: {headline}"]
        if rng.random() < 0.7:
            lines.append(f"Byline: {choose(rng, REPORTERS)}")
        if rng.random() < 0.7:
            lines.append(f"Published: {published}")
        if rng.random() < 0.6:
            lines.append(f"Tags: {self.topic_name.capitalize()}, {self.place}")
        return "\n".join(lines)

    def footer(self) -> list[str]:
        rng = self.rng
        paper, handle = self.publication, self.handle
        publication = f"The {paper.name}" if paper.takes_the else paper.name
        follow = choose(rng, (
            f"Follow {publication} on Twitter",
            f"Follow {publication} on Twitter and Instagram @{handle}",
            f"Follow {publication} on Facebook",
        ))  # fmt: skip
        keep = choose(rng, (
            "Keep up to date with all our articles on Facebook",
            "Sign up to our newsletter for the latest local news",
        ))  # fmt: skip
        return choose(rng, ([follow, keep], [follow, keep], [follow], [keep], []))


def straighten(value):
    """Curly apostrophes to straight ones, all through a text or a truth record."""
    if isinstance(value, str):
        return value.replace("’", "'")
    if isinstance(value, list):
        return [straighten(item) for item in value]
    if isinstance(value, dict):
        return {key: straighten(item) for key, item in value.items()}
    return value
