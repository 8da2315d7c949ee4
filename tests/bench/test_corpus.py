"""The benchmark corpus generator: deterministic, in the seeds' house style, honest truth.

No database and no parser here: the checks read the generated text directly,
splitting it the plain way (blank lines), so they do not depend on the code
whose accuracy the corpus is meant to measure.
"""

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench import corpus
from bench.corpus import generate, read_truth, write_corpus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def articles():
    return list(generate(200))


def body_blocks(article) -> list[str]:
    """The article's blocks as the truth numbers them: front matter, a headline line
    and footer lines taken off, block 0 the standfirst."""
    chunks = article.text.rstrip("\n").split("\n\n")
    if chunks[0].startswith("Headline:"):
        chunks = chunks[1:]
    elif article.truth["headline"]:
        assert chunks[0] == article.truth["headline"]
        chunks = chunks[1:]
    footer = article.truth["footer"]
    if footer:
        assert chunks[-len(footer) :] == footer
        chunks = chunks[: -len(footer)]
    return chunks


def digest(count: int, seed: int) -> str:
    sha = hashlib.sha256()
    for article in generate(count, seed=seed):
        sha.update(article.name.encode())
        sha.update(article.text.encode())
        sha.update(json.dumps(article.truth, sort_keys=True).encode())
    return sha.hexdigest()


def test_the_same_seed_gives_the_same_corpus_byte_for_byte(tmp_path):
    write_corpus(tmp_path / "a", tmp_path / "a.jsonl", count=30, seed=7)
    write_corpus(tmp_path / "b", tmp_path / "b.jsonl", count=30, seed=7)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_a_different_seed_gives_a_different_corpus():
    first = [a.text for a in generate(20, seed=1)]
    second = [a.text for a in generate(20, seed=2)]
    assert not set(first) & set(second)


def test_the_corpus_does_not_depend_on_python_hash_randomisation():
    """Sets of people iterate in hash order; the generator must never rely on it."""
    script = "from tests.bench.test_corpus import digest; print(digest(40, 2026))"
    outputs = set()
    for hash_seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout.strip())
    assert outputs == {digest(40, 2026)}


def test_article_n_is_the_same_whatever_the_corpus_size():
    small = list(generate(5))
    large = list(generate(12))
    assert [a.text for a in small] == [a.text for a in large[:5]]
    assert [a.name for a in small] == [f"article-0000{n}.txt" for n in range(1, 6)]


def test_every_article_has_15_to_40_body_paragraphs(articles):
    for article in articles:
        truth = article.truth
        blocks = body_blocks(article)
        assert len(blocks) == truth["blocks"], article.name
        paragraphs = len(blocks) - 1 - len(truth["subheads"]) - len(truth["captions"])
        assert paragraphs == truth["paragraphs"], article.name
        assert 15 <= paragraphs <= 40, article.name
    assert len({a.truth["paragraphs"] for a in articles}) > 15  # the lengths vary


def test_every_truth_quote_is_in_the_blocks_it_names(articles):
    for article in articles:
        blocks = body_blocks(article)
        for quote in article.truth["quotes"]:
            pieces = quote["text"].split("\n\n")
            assert quote["text"] and all(piece in article.text for piece in pieces)
            assert pieces[0] in blocks[quote["first_block"]], (article.name, quote)
            assert pieces[-1] in blocks[quote["last_block"]], (article.name, quote)
            assert len(pieces) <= quote["last_block"] - quote["first_block"] + 1
            assert quote["kind"] in ("direct", "partial")
            assert quote["speaker_kind"] in ("person", "organisation")


def test_the_truth_names_only_people_and_organisations_the_text_names(articles):
    for article in articles:
        truth = article.truth
        for name in truth["people"] + truth["organisations"]:
            assert name in article.text, (article.name, name)
        assert len(set(truth["people"])) == len(truth["people"])
        surnames = [name.split()[-1] for name in truth["people"]]
        assert len(set(surnames)) == len(surnames)  # "Ms Doe" names one person
        speakers = {q["speaker"] for q in truth["quotes"]}
        assert speakers <= set(truth["people"]) | set(truth["organisations"])


def test_a_pronoun_attribution_speaker_has_that_pronoun(articles):
    """ "…,” she said." or "She added:" is always a woman's quote, and "he" a man's."""
    female = {p.full.replace("’", "'"): p.female for p in corpus.build_pool(2026).people}
    pronoun = re.compile(r"(?:[,?][”\"] |^|\. )(she|he|She|He) (?:said|added|asked|explained)")
    checked = 0
    for article in articles:
        blocks = body_blocks(article)
        for quote in article.truth["quotes"]:
            found = pronoun.findall(blocks[quote["first_block"]])
            if quote["speaker_kind"] == "person" and len(set(found)) == 1:
                is_female = female[quote["speaker"].replace("’", "'")]
                assert is_female == (found[0].lower() == "she"), article.name
                checked += 1
    assert checked > 100


def test_people_and_organisations_recur_across_articles_as_in_real_coverage(articles):
    people = Counter(name for a in articles for name in set(a.truth["people"]))
    organisations = Counter(name for a in articles for name in set(a.truth["organisations"]))
    assert people.most_common(1)[0][1] >= 20  # in one article of ten, at least
    assert len(people) >= 100  # and a long tail
    assert organisations.most_common(1)[0][1] >= 20
    assert len(organisations) >= 40


def test_the_house_style_constructions_all_occur(articles):
    text = "\n\n".join(a.text for a in articles)
    truths = [a.truth for a in articles]
    quotes = [q for t in truths for q in t["quotes"]]
    assert any(q["first_block"] < q["last_block"] for q in quotes)  # multi-paragraph
    assert any(q["kind"] == "partial" for q in quotes)
    assert any(q["speaker_kind"] == "organisation" for q in quotes)
    assert sum(bool(t["captions"]) for t in truths) > 50
    assert sum(bool(t["subheads"]) for t in truths) > 150
    assert sum(a.text.startswith("Headline:") for a in articles) > 20
    for construction in (
        r"Chair(?:man|woman)? [A-Z]\w+ [A-Z][\w’'-]+ (?:said|added|explained|warned): ",
        r"[,?]” (?:she|he) said\.",
        r"[,?]\" (?:she|he) said\.",
        r"[,?][”\"] (?:Ms|Mr|Dr|Cllr) [A-Z][\w’'-]+ said\.",
        r"(?:^|\n)(?:She|He) (?:said|added): ",
        r"A council spokesperson said: ",
        r"(?:^|\n)The [A-Z]\w+(?: [A-Z]\w+)* said: ",
        r"Follow .+ on Twitter",
        r"Keep up to date with all our articles on Facebook",
        r"Byline: ",
    ):
        assert re.search(construction, text), construction


def test_no_name_or_sentence_comes_from_the_seeds(articles):
    seeds = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    sentences = {s.strip() for s in re.split(r"(?<=[.!?”])\s+", seeds) if len(s.strip()) > 30}
    text = "\n".join(a.text for a in articles)
    assert not [s for s in sentences if s in text]
    for name in ("Linden", "Biggs", "Rahman", "O’Connell", "Erlam", "Wharf"):
        assert name not in text


def test_write_corpus_streams_files_and_truth_lines(tmp_path, monkeypatch):
    """Each article is on disk before the next is made: the corpus is never held whole."""
    folder, truth = tmp_path / "corpus", tmp_path / "truth.jsonl"
    made: list[str] = []
    real_generate = corpus.generate

    def watched(count, *, seed):
        for article in real_generate(count, seed=seed):
            assert all((folder / name).exists() for name in made)
            made.append(article.name)
            yield article

    monkeypatch.setattr(corpus, "generate", watched)
    write_corpus(folder, truth, count=25, seed=3)
    assert sorted(p.name for p in folder.iterdir()) == sorted(made)
    lines = truth.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25
    expected = list(real_generate(25, seed=3))
    assert list(read_truth(truth)) == [a.truth for a in expected]
    assert (folder / made[0]).read_text(encoding="utf-8") == expected[0].text
