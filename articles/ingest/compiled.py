"""The parser compiled to C with mypyc (``make parser``), and the check that keeps
a compiled copy from running once its source has changed.

Compiling makes the parser about twice as fast; the Python source stays the
parser's definition, and without compiling everything runs from it. Module-level
constants (word lists, patterns) are declared ``Final``: mypyc then keeps each in
a C static instead of looking it up in the module's dict at every use, which was
6% of a compiled parse.

mypyc writes an extension module beside each compiled ``.py``, and Python loads an
extension before a source file of the same name, so after an edit the old code
would silently go on running. So the build records a digest of every compiled
source in ``MANIFEST``, and while any of them differs the package loads its
modules from source, with a warning that names the file, rather than from the
stale build (``use_source_if_stale``).

Neither this module nor ``__init__`` is compiled: they run before the compiled
modules load. ``parsed`` and ``source`` are left out too: the parsed
dataclasses are pickled between processes and used by the loader, and reading
files gains nothing from compiling.
"""

import hashlib
import json
import sys
import warnings
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import spec_from_file_location
from pathlib import Path

PACKAGE = __name__.rpartition(".")[0]
FOLDER = Path(__file__).resolve().parent
MANIFEST = FOLDER / "compiled.json"
NOT_COMPILED = frozenset({"__init__.py", "compiled.py", "parsed.py", "source.py"})


def compiled_sources() -> list[Path]:
    """The modules ``make parser`` compiles."""
    return sorted(path for path in FOLDER.glob("*.py") if path.name not in NOT_COMPILED)


def extension_files() -> list[Path]:
    return sorted(
        path for path in FOLDER.iterdir() if any(path.name.endswith(s) for s in EXTENSION_SUFFIXES)
    )


def digests() -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in compiled_sources()}


def write_manifest() -> None:
    MANIFEST.write_text(json.dumps(digests(), indent=1, sort_keys=True) + "\n")


def is_compiled() -> bool:
    """Whether the parser runs from compiled modules (the package has been loaded)."""
    from . import parser

    return not parser.__file__.endswith(".py")


def stale_reason() -> str | None:
    """Why compiled modules here must not run, or None: none are here, or they
    match the sources they were built from."""
    if not extension_files():
        return None
    try:
        built = json.loads(MANIFEST.read_text())
    except (OSError, ValueError):
        return f"{MANIFEST.name} is missing or unreadable"
    changed = sorted(set(built.items()) ^ set(digests().items()))
    return f"articles/ingest/{changed[0][0]} changed after it was compiled" if changed else None


class _SourceFinder(MetaPathFinder):
    """Finds the package's modules as ``.py`` files only, ahead of Python's own
    finder, which would take the extension module of the same name first."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        source = FOLDER / f"{name}.py"
        if package != PACKAGE or not source.is_file():
            return None
        return spec_from_file_location(fullname, source)


def use_source_if_stale() -> None:
    """Load the parser from source when its compiled build is stale, and say so."""
    reason = stale_reason()
    if reason is None:
        return
    warnings.warn(
        f"{reason}: the parser runs from its source, slower, until `make parser` compiles "
        "it again (`make parser-clean` removes the build)",
        RuntimeWarning,
        stacklevel=2,
    )
    if not any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder())
