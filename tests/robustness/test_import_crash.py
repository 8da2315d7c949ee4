"""An import killed mid-way leaves whole articles only, and the next run finishes the job.

A real ``manage.py import_seeds`` process imports generated articles into a
database file (SQLite) or the test database (PostgreSQL); once some articles
have committed, it is killed with SIGKILL *while it holds a write transaction*
(a batch of new articles). Every stored article must then have all its blocks, quotes,
people, organisations and tags, nothing half-written may be left, and a second
run must import the rest and index everything.
"""

import signal
import sqlite3
import subprocess
import time
from contextlib import closing, contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from articles.importer.loader import IMPORT_LOCK_ID
from articles.models import SearchDocument
from tests.robustness.corpus import write_articles
from tests.robustness.import_checks import (
    ARTICLE,
    environment,
    expected_counts,
    leftovers,
    manage,
    postgres_test_database_url,
    stored_counts,
    unindexed,
)

ARTICLES = 40
KILL_AFTER = 5  # committed articles
BATCH = 3  # new articles per transaction, so the run is killed between batches


class SqliteFile:
    """A migrated SQLite database file that the importer and this test share."""

    def __init__(self, path):
        self.path = path
        self.url = f"sqlite:///{path}"
        subprocess.run(
            manage("migrate", "--noinput", "--verbosity", "0"),
            env=environment(self.url),
            check=True,
            timeout=120,
        )

    @contextmanager
    def cursor(self):
        with closing(sqlite3.connect(self.path, timeout=20, isolation_level=None)) as db:
            yield db.cursor()

    def writing(self) -> bool:
        """Whether another connection holds the write lock (the importer's transaction)."""
        with closing(sqlite3.connect(self.path, timeout=0, isolation_level=None)) as db:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # "database is locked"
                return True
            db.execute("ROLLBACK")
            return False


class PostgresTestDatabase:
    """The test database; the importer's advisory lock shows when it is inside a transaction."""

    url = property(lambda self: postgres_test_database_url())

    @contextmanager
    def cursor(self):
        with connection.cursor() as cursor:
            yield cursor

    def writing(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = 0 AND objid = %s",
                [IMPORT_LOCK_ID],
            )
            return cursor.fetchone()[0] > 0


@pytest.fixture
def database(tmp_path):
    if connection.vendor == "postgresql":
        return PostgresTestDatabase()
    return SqliteFile(tmp_path / "crash.sqlite3")


def _committed(database) -> int:
    with database.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {ARTICLE}")  # noqa: S608
        return cursor.fetchone()[0]


def _kill_mid_article(run: subprocess.Popen, database) -> None:
    """SIGKILL the run once KILL_AFTER articles committed, while it writes the next one."""
    deadline = time.monotonic() + 60
    while not (_committed(database) >= KILL_AFTER and database.writing()):
        assert run.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import never got going"
        time.sleep(0.002)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)


# On PostgreSQL the importer writes to the test database, so its rows must be committed
# ones that other processes see; on SQLite the test database is not used.
@pytest.mark.django_db(transaction=True)
def test_a_killed_import_leaves_whole_articles_and_the_next_run_finishes(tmp_path, database):
    """After SIGKILL mid-transaction: only whole articles, no strays; a rerun completes."""
    files = write_articles(tmp_path / "articles", ARTICLES)
    expected = expected_counts(files)
    folder = str(tmp_path / "articles")
    command = manage("import_seeds", "--publish", "--batch-size", str(BATCH), folder)
    env = environment(database.url)
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL) as run:
        _kill_mid_article(run, database)
    assert run.returncode == -signal.SIGKILL

    with database.cursor() as cursor:
        stored = stored_counts(cursor)
        assert KILL_AFTER <= len(stored) < ARTICLES
        assert stored == {name: expected[name] for name in stored}
        assert leftovers(cursor) == []

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    done = len(stored)
    assert f"{ARTICLES - done} created, 0 updated, {done} unchanged, 0 failed" in rerun.stdout
    with database.cursor() as cursor:
        assert stored_counts(cursor) == expected
        assert leftovers(cursor) == []
        assert unindexed(cursor) == []


@pytest.mark.django_db
def test_a_run_stopped_before_indexing_is_indexed_by_the_next_run(
    tmp_path, client, django_capture_on_commit_callbacks
):
    """Search text is written just after commit; if a run dies in between, the next run
    (its files unchanged) indexes those articles, so readers can find them."""
    folder = tmp_path / "articles"
    write_articles(folder, 2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_seeds", "--publish", str(folder), stdout=StringIO())
    SearchDocument.objects.all().delete()  # as if killed between commit and indexing
    assert "report 1" not in client.get("/search/", {"q": "neighbours"}).content.decode()

    output = StringIO()
    call_command("import_seeds", "--publish", str(folder), stdout=output)
    assert "2 unchanged" in output.getvalue() or "Nothing changed" in output.getvalue()
    assert SearchDocument.objects.count() == 2
    assert "report 1" in client.get("/search/", {"q": "neighbours"}).content.decode()
