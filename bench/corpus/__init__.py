"""A seeded generator of local-news articles in the seeds' house style, with their truth.

Every article is made up from word lists and templates, so the generator
knows, as a careful human annotator would, every quote (its exact text,
speaker and paragraphs), every person and every organisation it wrote. The
accuracy stage (accuracy.py) scores the parser against that truth; the import
and search stages use the files as a large, realistic corpus.

    >>> article = next(generate(1))
    >>> article.name, sorted(article.truth)[:3]
    ('article-00001.txt', ['blocks', 'captions', 'footer'])

House style, as in ``seeds/*.txt``: a standfirst, 15 to 40 paragraphs, short
subheads, photo captions that name a person ("Councillor Jane Doe at the
meeting", "Deputy mayor for housing Jane Doe"), quotes attributed before
(``Chairman Jane Doe said: “…”``) and after (``“…,” she said.``), by pronoun,
by title and surname ("Ms Doe"), by organisations ("a council spokesperson
said"), partial quotes inside narration, quotes running over several
paragraphs (a paragraph that opens a quote without closing it continues in
the next one that opens with a quote mark), curly and straight quote marks,
footer lines, and on some articles ``Headline:``/``Byline:`` front matter.

People come from a pool of about 400 invented people (first names by gender ×
surnames, each with one role) and organisations from 60 invented ones, both
drawn with a Zipf-like skew so that, as in real coverage, the council leader
turns up in a large share of articles and most people only now and then.

The truth never depends on how the parser reads the text, and the generator
avoids constructions a careful reader would find ambiguous: within an article
no two people share a surname or first name, no two organisations share a
kind (so "the council" or "a police spokesperson" names exactly one), a
pronoun only refers to the person named in that paragraph or the one before
when nobody else of that gender was named in the three paragraphs before it,
captions never serve as antecedents, and quoted speech names nobody.

The truth, one JSON object per article::

    name           the file name
    headline       as given (front matter or a first line), "" when there is none
    people         full names ("Jane Doe", never "Ms Doe"), in order of first mention
    organisations  full names ("Regional Transport Authority", not "the RTA")
    quotes         in reading order: text (the words inside the outer quote marks, a
                   multi-paragraph quote's paragraphs joined by a blank line, as the
                   parser returns them), speaker (a full name), speaker_kind ("person"
                   or "organisation"), kind ("direct" or "partial"), first_block and
                   last_block (block 0 is the standfirst, as in ParsedQuote)
    blocks         how many blocks the parser should find: standfirst, paragraphs,
                   subheads and captions (not front matter, headline or footer)
    paragraphs     body paragraphs alone (15 to 40)
    subheads, captions, footer   the lines themselves

Speed (Python 3.11 on the 2-core benchmark machine): ``generate`` makes 2,300
articles a second when the machine is otherwise idle, 1,500 when other work
shares it: 100,000 articles (400 MB of text) in 45 to 70 s. ``write_corpus``
wrote 100,000 files and their truth (another 420 MB) in 60 s under load.

The package::

    vocabulary.py   names, roles, organisations, places, dates, papers
    topics.py       the topics and the sentence banks dealt from (topics_services.py,
                    topics_neighbourhood.py), with phrases.py: what every topic shares
    chance.py       fast random choices, streets, sums of money
    pool.py         the pool of people and organisations, Zipf draws, an article's cast
    draft.py        an article's state and the primitives of writing it
    naming.py       first and later mentions of people and organisations
    narration.py    standfirst, narration, subheads, captions
    quoting.py      quotes and their attributions
    writer.py       the article as a whole: body, headline, front matter, footer, truth
"""

import json
import random
from collections.abc import Iterator
from pathlib import Path

from .pool import build_pool
from .writer import GeneratedArticle, Writer

__all__ = ["GeneratedArticle", "build_pool", "generate", "read_truth", "write_corpus"]


def generate(count: int, *, seed: int = 2026) -> Iterator[GeneratedArticle]:
    """Articles 1 … ``count`` of the corpus ``seed`` names; the same seed, the same bytes.

    Each article has its own random stream, so article n is the same whatever ``count``.
    """
    pool = build_pool(seed)
    for number in range(1, count + 1):
        rng = random.Random(f"{seed}:{number}")  # a string seeds through SHA-512: no overlaps
        yield Writer(pool, rng, f"article-{number:05}.txt").write()


def write_corpus(folder: Path, truth: Path, *, count: int, seed: int = 2026) -> None:
    """Write ``count`` articles into ``folder`` (UTF-8 .txt) and their truth, one JSON
    line per article, to ``truth``: one article at a time, never the corpus in memory."""
    folder.mkdir(parents=True, exist_ok=True)
    truth.parent.mkdir(parents=True, exist_ok=True)
    with truth.open("w", encoding="utf-8") as lines:
        for article in generate(count, seed=seed):
            (folder / article.name).write_text(article.text, encoding="utf-8")
            lines.write(json.dumps(article.truth, ensure_ascii=False) + "\n")


def read_truth(truth: Path) -> Iterator[dict]:
    """The truth ``write_corpus`` wrote, one article's dict at a time, in corpus order."""
    with truth.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
