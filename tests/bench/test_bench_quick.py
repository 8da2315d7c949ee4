"""The benchmark's smoke run (`python -m bench --quick`), so the harness never rots.

It runs every stage on 50 generated articles: the numbers mean little at
that size, but each stage must finish and report what the README's table
shows. It makes its own scratch databases (a SQLite file, and PostgreSQL
databases named newsroom_bench_* on the local server), so it runs once, in
the SQLite pass of the suite.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from articles.ingest.compiled import is_compiled
from bench.environment import ROOT

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the smoke run makes its own databases: once per suite is enough",
)
SECTIONS = {"Machine", "Import", "Accuracy", "Pages", "Admin", "Search"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("bench") / "latest.json"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout, json.loads(output.read_text())


def test_the_quick_run_reports_every_section_in_its_table_and_json(quick_run):
    printed, report = quick_run
    assert {row["section"] for row in report["rows"]} == SECTIONS
    for row in report["rows"]:
        assert f"| {row['section']} | {row['measure']} | {row['value']} |" in printed
    assert report["machine"]["cores"] >= 1
    assert report["figures"]["python_speed"]["start"] > 0


def test_the_quick_run_says_whether_the_parser_ran_compiled(quick_run):
    """Compiling changes the import figures by more than half: the table must say."""
    printed, report = quick_run
    assert report["figures"]["parser"]["compiled"] is is_compiled()
    expected = "compiled with mypyc" if is_compiled() else "Python source"
    assert f"| Machine | parser | {expected}" in printed


def test_the_quick_run_imported_and_served_the_whole_corpus(quick_run):
    _, report = quick_run
    loads = report["figures"]["import"]["load"]
    assert set(loads) == {"sqlite", "postgresql"}
    for by_size in loads.values():
        assert all(load["articles"] == 50 and load["per_second"] > 0 for load in by_size.values())
    assert report["figures"]["accuracy"]["rates"]["quote recall"] > 0.9
    searched = report["figures"]["search"]
    assert all(size["with_gin"] and size["without_gin"] for size in searched.values())
