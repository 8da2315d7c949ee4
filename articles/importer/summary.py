"""The report an import run prints: one line per file, then the totals."""

from dataclasses import dataclass, field

from articles.ingest.names import normalize_name

from .results import ImportResult, Outcome


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def file_line(result: ImportResult) -> str:
    """What happened to one file, on one line (its warnings and kept fields follow)."""
    verb = {
        Outcome.CREATED: "would create" if result.dry_run else "created",
        Outcome.UPDATED: "would update" if result.dry_run else "updated",
        Outcome.UNCHANGED: "unchanged",
    }[result.outcome]
    if result.outcome is Outcome.UNCHANGED:
        return f"{verb} {result.source}"
    details = [
        _plural(result.quotes, "quote"),
        f"{_plural(len(result.people_created), 'new person', 'new people')}",
        f"{_plural(len(result.organisations_created), 'new organisation')}",
    ]
    return f"{verb} {result.source}: “{result.headline}” ({', '.join(details)})"


def file_notes(result: ImportResult) -> list[str]:
    notes = [f"  kept {kept}" for kept in result.kept]
    return notes + [f"  warning: {warning}" for warning in result.warnings]


@dataclass
class RunSummary:
    dry_run: bool = False
    results: list[ImportResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)

    def _entities(self, created: str, linked: str) -> tuple[int, int]:
        """Distinct names created and linked: a name new in one file is known in the next."""
        new = {normalize_name(n) for r in self.results for n in getattr(r, created)}
        known = {normalize_name(n) for r in self.results for n in getattr(r, linked)} - new
        return len(new), len(known)

    def lines(self) -> list[str]:
        created, updated = self.count(Outcome.CREATED), self.count(Outcome.UPDATED)
        unchanged, failed = self.count(Outcome.UNCHANGED), len(self.failures)
        warnings = sum(len(result.warnings) for result in self.results)
        people_new, people_known = self._entities("people_created", "people_linked")
        orgs_new, orgs_known = self._entities("organisations_created", "organisations_linked")
        head = "Dry run, nothing written. Articles that would be" if self.dry_run else "Articles"
        lines = [
            f"{head}: {created} created, {updated} updated, {unchanged} unchanged, "
            f"{failed} failed.",
            f"Quotes: {sum(result.quotes for result in self.results)}. "
            f"People: {people_new} new, {people_known} already known. "
            f"Organisations: {orgs_new} new, {orgs_known} already known. "
            f"Warnings: {warnings}.",
        ]
        if self.results and unchanged == len(self.results) and not failed:
            lines.append("Nothing changed: every file is as it was at its last import.")
        return lines
