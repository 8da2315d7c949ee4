"""``manage.py import_seeds``: a thin shell around the parser and the loader.

It expands its arguments into files, skips those whose checksum matches the
last import (one query for the whole run), parses the rest, writes new
articles in batches (one transaction each; see ``importer.batch``) and
re-imports the others one transaction per file, and prints a report. Bad
input is one line naming the file and the reason; the other files still
import; the exit status is 1 if any file failed.
"""

import json
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.cache import coalesced_emptying
from articles.importer import ImportResult, Outcome, import_article
from articles.importer.batch import BATCH_SIZE, import_new_articles
from articles.importer.extraction import extraction_as_json
from articles.importer.files import collect_article_files, file_checksum, stored_imports
from articles.importer.loader import refresh_planner_statistics
from articles.importer.reading import default_jobs, fewer_garbage_collections, read_ahead
from articles.importer.summary import RunSummary, file_line, file_notes
from articles.importer.validation import check_parsed_article
from articles.ingest import IngestError, ParsedArticle, read_article
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


def _given(parsed: ParsedArticle) -> ParsedArticle:
    return parsed


def _checked(parsed: ParsedArticle) -> ParsedArticle:
    check_parsed_article(parsed)
    return parsed


def _unexpected(error: Exception) -> str:
    message = " ".join(str(error).split())  # one line, even for database errors
    return f"nothing written: unexpected {type(error).__name__}: {message}"


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
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help="New articles written per transaction (default: %(default)s). A stopped "
            "run loses at most the batch it was writing; the next run imports it.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-import files unchanged since their last import (e.g. after a parser update).",
        )

    def handle(self, *args, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json prints the extraction only: use it with --dry-run.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        seeds = settings.BASE_DIR / "seeds"
        files, problems = collect_article_files(options["paths"], default_folder=seeds)
        summary = RunSummary(dry_run=options["dry_run"])
        for name, reason in problems:
            self._fail(summary, name, reason)
        if options["json"]:
            self._print_extraction(files, summary)
        else:
            with coalesced_emptying(), fewer_garbage_collections():
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
            report = partial(self._show, progress, stream, show_bar, options)
            batch: list[tuple] = []  # (path, parsed) of new files, written together
            for path, parse in self._parse_changed(files, known, options):
                if parse is None or path.name in known or options["dry_run"]:
                    self._import_batch(batch, summary, options, report)
                    report(self._import_file(path, parse, summary, options))
                elif (parsed := self._checked_parse(path, parse, summary, options)) is None:
                    report(None)
                else:
                    batch.append((path, parsed))
                    if len(batch) >= options["batch_size"]:
                        self._import_batch(batch, summary, options, report)
            self._import_batch(batch, summary, options, report)

    def _show(self, progress, stream, show_bar, options, result: ImportResult | None) -> None:
        """Advance the bar by one file and print what happened to it."""
        progress.update()
        if result is None or (result.outcome is Outcome.UNCHANGED and options["verbosity"] < 2):
            return
        for line in [file_line(result), *file_notes(result)]:
            if show_bar:
                progress.write(line, file=stream)
            else:
                self.stdout.write(line)

    def _checked_parse(self, path, parse, summary, options) -> ParsedArticle | None:
        """The file's parse, or None (reported) when it cannot be imported."""
        return self._attempt(path, summary, options, lambda: _checked(parse()))

    def _attempt(self, path, summary: RunSummary, options, action):
        """``action()``, or None when it raises: then the file fails with a one-line reason."""
        try:
            return action()
        except IngestError as error:
            return self._fail(summary, str(path), str(error))
        except Exception as error:  # a bug must not stop the other files importing
            if options["traceback"]:
                raise
            return self._fail(summary, str(path), _unexpected(error))

    def _import_batch(self, batch: list[tuple], summary: RunSummary, options, report) -> None:
        """Create the queued new articles in one transaction, then empty the queue.

        If the batch fails as a whole, each file is imported on its own, so
        only the file at fault fails, with its own one-line reason.
        """
        if not batch:
            return
        paths = {parsed.source: path for path, parsed in batch}
        parsed_articles = [parsed for _, parsed in batch]
        batch.clear()
        try:
            results, left = import_new_articles(
                parsed_articles=parsed_articles, publish=options["publish"]
            )
        except Exception:  # the file at fault fails below, alone; a passing fault does not
            results, left = [], parsed_articles
        for result in results:
            summary.results.append(result)
            report(result)
        for parsed in left:
            path = paths[parsed.source]
            report(self._import_file(path, partial(_given, parsed), summary, options))

    def _parse_changed(self, files, known, options):
        """Each file with its parse, or with None when it is unchanged since its last import."""
        unchanged = set()
        if not options["force"]:
            unchanged = {path for path in files if _unchanged(path, known)}
        changed = [path for path in files if path not in unchanged]
        parsed = read_ahead(changed, jobs=options["jobs"], at_least=options["batch_size"])
        try:
            for path in files:
                yield (path, None) if path in unchanged else next(parsed)
        finally:
            parsed.close()  # stops the worker processes now, even when the run is cut short

    def _import_file(self, path, parse, summary, options) -> ImportResult | None:
        if parse is None:
            result = ImportResult.unchanged(path.name, dry_run=options["dry_run"])
        else:
            result = self._attempt(
                path,
                summary,
                options,
                lambda: import_article(
                    parsed=parse(),
                    publish=options["publish"],
                    dry_run=options["dry_run"],
                    force=options["force"],
                ),
            )
            if result is None:
                return None
        summary.results.append(result)
        return result
