"""Helpers for the parser's tests: they need no database."""

from pathlib import Path

import pytest

from articles.ingest import parse_article

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def parse(text: str):
    return parse_article(text, source="test.txt")


@pytest.fixture
def fixture_article():
    def load(name: str):
        return parse_article((FIXTURES / name).read_text(encoding="utf-8"), source=name)

    return load


def quotes_by_speaker(article) -> list[tuple[str | None, str]]:
    """(speaker, opening words) for the direct and partial quotes, in order."""
    return [
        (q.speaker, " ".join(q.text.split()[:4]))
        for q in article.quotes
        if q.kind in ("direct", "partial")
    ]


def people_names(article) -> list[str]:
    return [person.name for person in article.people]
