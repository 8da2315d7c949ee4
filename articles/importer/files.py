"""Which files an import run reads, and which of them changed since the last run."""

import hashlib
from pathlib import Path

from articles.models import Article


def collect_article_files(
    arguments: list[str], *, default_folder: Path
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand the command's arguments into files, and one-line reasons for the rest.

    A folder stands for its ``*.txt`` files, in name order; files named on the
    command line are read in the order given, whatever their extension. An
    article is known by its file name, so a second file with the same name
    from another folder is refused rather than overwriting the first.
    """
    paths = [Path(argument) for argument in arguments] or [default_folder]
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(child for child in path.glob("*.txt") if child.is_file())
            if not found:
                problems.append((str(path), "folder has no .txt files"))
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            problems.append((str(path), "no such file or folder"))
            continue
        for file in found:
            first = seen.setdefault(file.name, file)
            if first.resolve() == file.resolve():
                if file is first:
                    files.append(file)
                continue
            reason = f"another file in this run, {first}, has the same name"
            problems.append((str(file), reason))
    return files, problems


def file_checksum(path: Path) -> str | None:
    """sha256 of the file (as ``ParsedArticle.checksum``), or None if it cannot be read."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def stored_imports(files: list[Path]) -> tuple[dict[str, str], list[int]]:
    """What earlier runs stored for these files, in one query.

    Returns source file name → checksum at its last import, and the ids of
    those articles that have no search text. Search text is written just after
    an article's transaction commits, so a run stopped in between (killed, or
    the machine went down) leaves the article whole but unsearchable, and its
    file unchanged: the next run indexes it.
    """
    names = [file.name for file in files]
    rows = Article.objects.imported_from(names).values_list(
        "pk", "source_file", "source_checksum", "search_document"
    )
    checksums, unindexed = {}, []
    for pk, name, checksum, search_document in rows:
        checksums[name] = checksum
        if search_document is None:
            unindexed.append(pk)
    return checksums, unindexed
