"""``manage.py import_seeds``: a thin shell around the parser and the loader.

It expands its arguments into files, skips those whose checksum matches the
last import (one query for the whole run), parses and loads the rest one
transaction per file, and prints a report. Bad input is one line naming the
file and the reason; the other files still import; the exit status is 1 if
any file failed.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.cache import coalesced_emptying
from articles.importer import ImportResult, Outcome, import_article
from articles.importer.extraction import extraction_as_json
from articles.importer.files import collect_article_files, file_checksum, stored_imports
from articles.importer.loader import refresh_planner_statistics
from articles.importer.reading import default_jobs, read_ahead
from articles.importer.summary import RunSummary, file_line, file_notes
from articles.ingest import IngestError, read_article
from articles.models import Article
from articles.signals import articles_imported

PROGRESS_MIN_FILES = 20  # below this a bar flashes by; the per-file lines say enough


class _BarStream:
    """Lets tqdm draw on a command's stdout (OutputWrapper adds a newline to each write)."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


def _unchanged(path, known: dict[str, str]) -> bool:
    digest = file_checksum(path)
    return digest is not None and known.get(path.name) == digest


class Command(BaseCommand):
    help = (
        "Import plain-text articles (by default every *.txt in seeds/) as draft articles "
        "with their quotes and the people and organisations they mention."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="Files or folders (a folder: its *.txt)."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the articles this run creates, dated now unless the text gives a date.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and resolve names against the database, print the report, write nothing.",
        )
        parser.add_argument(
            "--json", action="store_true", help="With --dry-run: print the extraction as JSON."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help="Processes that parse files ahead of the loader (default: one per core).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-import files unchanged since their last import (e.g. after a parser update).",
        )

    def handle(self, *args, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json prints the extraction only: use it with --dry-run.")
        seeds = settings.BASE_DIR / "seeds"
        files, problems = collect_article_files(options["paths"], default_folder=seeds)
        summary = RunSummary(dry_run=options["dry_run"])
        for name, reason in problems:
            self._fail(summary, name, reason)
        if options["json"]:
            self._print_extraction(files, summary)
        else:
            with coalesced_emptying():
                self._import(files, summary, options)
            if not options["dry_run"]:
                refresh_planner_statistics(written=summary.count(Outcome.CREATED))
            for line in summary.lines():
                self.stdout.write(line)
        if summary.failures:
            total = len(summary.failures) + len(summary.results)
            raise CommandError(f"{len(summary.failures)} of {total} files failed.", returncode=1)

    def _fail(self, summary: RunSummary, name: str, reason: str) -> None:
        summary.failures.append((name, reason))
        self.stderr.write(self.style.ERROR(f"{name}: {reason}"))

    def _print_extraction(self, files, summary: RunSummary) -> None:
        articles = []
        for path in files:
            try:
                articles.append(extraction_as_json(read_article(path)))
            except IngestError as error:
                self._fail(summary, str(path), str(error))
        self.stdout.write(json.dumps({"articles": articles}, ensure_ascii=False, indent=2))

    def _import(self, files, summary: RunSummary, options) -> None:
        known, unindexed = stored_imports(files)
        if unindexed and not options["dry_run"]:
            # Finish what a stopped run left undone (see stored_imports).
            articles_imported.send(sender=Article, article_ids=unindexed)
        show_bar = self.stdout.isatty() and len(files) >= PROGRESS_MIN_FILES
        stream = _BarStream(self.stdout)
        with tqdm(total=len(files), file=stream, disable=not show_bar, unit="file") as progress:
            for path, parse in self._parse_changed(files, known, options):
                result = self._import_file(path, parse, summary, options)
                progress.update()
                if result is None or (
                    result.outcome is Outcome.UNCHANGED and options["verbosity"] < 2
                ):
                    continue
                for line in [file_line(result), *file_notes(result)]:
                    if show_bar:
                        progress.write(line, file=stream)
                    else:
                        self.stdout.write(line)

    def _parse_changed(self, files, known, options):
        """Each file with its parse, or with None when it is unchanged since its last import."""
        unchanged = set()
        if not options["force"]:
            unchanged = {path for path in files if _unchanged(path, known)}
        changed = [path for path in files if path not in unchanged]
        parsed = read_ahead(changed, jobs=options["jobs"])
        try:
            for path in files:
                yield (path, None) if path in unchanged else next(parsed)
        finally:
            parsed.close()  # stops the worker processes now, even when the run is cut short

    def _import_file(self, path, parse, summary, options) -> ImportResult | None:
        if parse is None:
            result = ImportResult.unchanged(path.name, dry_run=options["dry_run"])
        else:
            try:
                result = import_article(
                    parsed=parse(),
                    publish=options["publish"],
                    dry_run=options["dry_run"],
                    force=options["force"],
                )
            except IngestError as error:
                return self._fail(summary, str(path), str(error))
            except Exception as error:  # a bug must not stop the other files importing
                if options["traceback"]:
                    raise
                message = " ".join(str(error).split())  # one line, even for database errors
                reason = f"nothing written: unexpected {type(error).__name__}: {message}"
                return self._fail(summary, str(path), reason)
        summary.results.append(result)
        return result
