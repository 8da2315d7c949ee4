"""What one import did (or, in a dry run, would do) to the database."""

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportResult:
    source: str
    outcome: Outcome
    article_id: int | None = None
    headline: str = ""
    dry_run: bool = False
    quotes: int = 0  # quotes written from the parsed text (kept ones not counted)
    people_created: tuple[str, ...] = ()
    people_linked: tuple[str, ...] = ()
    organisations_created: tuple[str, ...] = ()
    organisations_linked: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()  # what an editor changed and the import left alone
    warnings: tuple[str, ...] = ()

    @classmethod
    def unchanged(
        cls, source: str, *, article_id: int | None = None, dry_run: bool = False
    ) -> "ImportResult":
        return cls(source=source, outcome=Outcome.UNCHANGED, article_id=article_id, dry_run=dry_run)
