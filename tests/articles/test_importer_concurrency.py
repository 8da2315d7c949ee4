"""Two import runs at the same time on PostgreSQL create nothing twice."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count

from articles.models import Article
from people.models import Organisation, Person

SHARED_PEOPLE = ["Jane Okafor", "Tom Reyes", "Priya Nair"]
SHARED_ORGANISATIONS = ["Riverside Borough Council", "Crown Prosecution Service"]
ARTICLES = 12


def database_url() -> str:
    """The URL of the test database this test runs against, for the subprocesses."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def write_articles(folder) -> list[str]:
    """Articles that all name the same people and organisations, plus one of their own."""
    paths = []
    for n in range(ARTICLES):
        spec = {
            "standfirst": f"Story {n} about the budget row.",
            "people": [*SHARED_PEOPLE, f"Person Number{n}"],
            "organisations": SHARED_ORGANISATIONS,
        }
        path = folder / f"story{n:02}.txt"
        path.write_text(json.dumps(spec))
        paths.append(str(path))
    return paths


def start_worker(tmp_path, name: str, files: list[str]) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "tests.articles.concurrent_import_worker",
        str(tmp_path / f"{name}.ready"),
        str(tmp_path / "go"),
        *files,
    ]
    env = {**os.environ, "DATABASE_URL": database_url()}
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_create_each_article_person_and_organisation_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's in-memory test database is private to a process")
    files = write_articles(tmp_path)
    workers = [
        start_worker(tmp_path, "first", files),
        start_worker(tmp_path, "second", files[::-1]),  # meet in the middle
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"{n}.ready").exists() for n in ("first", "second")):
        assert time.monotonic() < deadline, "workers did not start"
        time.sleep(0.05)
    (tmp_path / "go").touch()
    outputs = [worker.communicate(timeout=120) for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], outputs
    assert Article.objects.count() == ARTICLES
    people = dict(Person.objects.values_list("name").annotate(n=Count("pk")))
    assert people == dict.fromkeys(SHARED_PEOPLE, 1) | {
        f"Person Number{n}": 1 for n in range(ARTICLES)
    }
    organisations = dict(Organisation.objects.values_list("name").annotate(n=Count("pk")))
    assert organisations == dict.fromkeys(SHARED_ORGANISATIONS, 1)
    jane = Person.objects.get(name="Jane Okafor")
    assert jane.articles.count() == ARTICLES and jane.quotes.count() == ARTICLES
