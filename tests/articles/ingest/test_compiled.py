"""The compiled parser (``make parser``) never runs older code than its source."""

import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from articles.ingest import compiled

PACKAGE = Path(compiled.__file__).resolve().parent


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A copy of the parser's sources, as ``compiled`` sees its own folder."""
    folder = tmp_path / "articles" / "ingest"
    shutil.copytree(PACKAGE, folder, ignore=shutil.ignore_patterns("*.so", "*.json", "__pycache__"))
    (tmp_path / "articles" / "__init__.py").write_text("")
    monkeypatch.setattr(compiled, "FOLDER", folder)
    monkeypatch.setattr(compiled, "MANIFEST", folder / "compiled.json")
    return folder


def build(folder: Path) -> None:
    """What ``make parser`` leaves behind: an extension module and the manifest."""
    (folder / f"tokens{EXTENSION_SUFFIXES[0]}").write_bytes(b"not really compiled")
    compiled.write_manifest()


def test_nothing_compiled_is_nothing_stale(package):
    """No extension modules: no manifest is needed and the source runs."""
    assert compiled.stale_reason() is None


def test_a_build_matching_its_source_is_used(package):
    build(package)
    assert compiled.stale_reason() is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda folder: (folder / "tokens.py").write_text("# edited\n"), "tokens.py changed"),
        (lambda folder: (folder / "extra.py").write_text("X = 1\n"), "extra.py changed"),
        (lambda folder: (folder / "pieces.py").unlink(), "pieces.py changed"),
        (lambda folder: (folder / "compiled.json").unlink(), "compiled.json is missing"),
    ],
    ids=["edited", "added", "removed", "no manifest"],
)
def test_a_build_older_than_its_source_is_stale_and_named(package, change, reason):
    """Python would load the old extension instead of the edited file."""
    build(package)
    change(package)
    assert reason in compiled.stale_reason()


def test_a_stale_build_is_not_loaded_the_source_runs_with_a_warning(package):
    """After an edit the edited code runs, and the warning says how to compile again.
    The "extension" here is not one: loading it would fail the import."""
    build(package)
    tokens = package / "tokens.py"
    tokens.write_text(tokens.read_text() + "\nEDITED = True\n")
    script = (
        "from articles.ingest import parse_article, compiled, tokens; "
        "print(parse_article('Head line here\\n\\nA paragraph said.', source='a.txt').headline, "
        "tokens.EDITED, compiled.is_compiled())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=package.parent.parent,
        env={**os.environ, "PYTHONPATH": str(package.parent.parent)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Head", "line", "here", "True", "False"]
    assert "RuntimeWarning: articles/ingest/tokens.py changed after it was compiled" in (
        result.stderr
    )
    assert "until `make parser` compiles it again" in result.stderr


@pytest.mark.skipif(
    not os.environ.get("EXPECT_COMPILED_PARSER"), reason="set where the parser was compiled"
)
def test_the_parser_runs_compiled_where_it_was_compiled():
    """CI compiles the parser for one of its runs: that run must test the compiled code."""
    assert compiled.is_compiled()
