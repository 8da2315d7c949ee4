"""Scores on articles annotated by hand, written without sight of the rules.

annotated/NN_*.txt are sixteen articles in other outlets' house styles; each
NN_*.json beside it holds the truth a reader would give: every quote with
its exact text and speaker (null when the text does not say), every person
and organisation. The rules must find every quote, never name a wrong
speaker, and never invent or duplicate a person.
"""

import json
from pathlib import Path

import pytest

from articles.ingest import read_article
from articles.ingest.names import normalize_name

ANNOTATED = sorted((Path(__file__).parent / "annotated").glob("*.json"))


def load(path: Path):
    return read_article(path.with_suffix(".txt")), json.loads(path.read_text(encoding="utf-8"))


def canonical_names(truth) -> dict[str, str]:
    """Every way the truth names an entity, mapped to its canonical name."""
    names = {}
    for entity in truth["people"] + truth["organisations"]:
        for name in [entity["name"], *entity["aliases"]]:
            names[normalize_name(name)] = entity["name"]
    return names


def spoken(quotes):
    return [q for q in quotes if (q.kind if hasattr(q, "kind") else q["kind"]) != "fragment"]


@pytest.mark.parametrize("path", ANNOTATED, ids=lambda p: p.stem)
def test_every_quote_is_found_with_its_exact_text_and_kind(path):
    article, truth = load(path)
    found = [(" ".join(q.text.split()), q.kind) for q in spoken(article.quotes)]
    wanted = [(" ".join(q["text"].split()), q["kind"]) for q in spoken(truth["quotes"])]
    assert found == wanted


@pytest.mark.parametrize("path", ANNOTATED, ids=lambda p: p.stem)
def test_no_quote_is_given_a_wrong_speaker(path):
    """Unknown is allowed; a wrong name is not."""
    article, truth = load(path)
    names = canonical_names(truth)
    for got, want in zip(spoken(article.quotes), spoken(truth["quotes"]), strict=True):
        if got.speaker is not None:
            assert names.get(normalize_name(got.speaker), got.speaker) == want["speaker"], got.text


def test_most_speakers_are_found():
    right = total = 0
    for path in ANNOTATED:
        article, truth = load(path)
        names = canonical_names(truth)
        for got, want in zip(spoken(article.quotes), spoken(truth["quotes"]), strict=True):
            total += 1
            got_name = names.get(normalize_name(got.speaker), got.speaker) if got.speaker else None
            right += got_name == want["speaker"]
    assert right / total >= 0.95, f"{right}/{total} speakers right"


@pytest.mark.parametrize("path", ANNOTATED, ids=lambda p: p.stem)
def test_people_are_real_individuals_each_once(path):
    article, truth = load(path)
    names = canonical_names(truth)
    people = {p["name"] for p in truth["people"]}
    found = [names.get(normalize_name(p.name)) for p in article.people]
    assert all(name in people for name in found), [p.name for p in article.people]
    assert len(found) == len(set(found))


def test_most_people_are_found():
    found = total = 0
    for path in ANNOTATED:
        article, truth = load(path)
        names = canonical_names(truth)
        total += len(truth["people"])
        found += len({names.get(normalize_name(p.name)) for p in article.people} - {None})
    assert found / total >= 0.9, f"{found}/{total} people found"
