"""Two import runs at the same time on PostgreSQL create nothing twice.

Both runs read the same real article files, which all name the same
councillors and organisations and carry the same tags, from opposite ends,
so they contend for the same rows from the first file to the last.
"""

import re
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count
from taggit.models import Tag

from articles.models import Article
from people.models import Organisation, Person
from tests.robustness.corpus import SHARED_ORGANISATIONS, SHARED_PEOPLE, resident, write_articles
from tests.robustness.import_checks import environment, postgres_test_database_url

ARTICLES = 16
_CREATED = re.compile(r"Articles: (\d+) created, 0 updated, (\d+) unchanged, 0 failed\.")


def start_worker(tmp_path, name: str, files) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "tests.articles.concurrent_import_worker",
        str(tmp_path / f"{name}.ready"),
        str(tmp_path / "go"),
        *map(str, files),
    ]
    return subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=environment(postgres_test_database_url()),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_create_each_article_person_and_organisation_once(tmp_path):
    """Run together, the two runs create each article once between them (the other
    finds it unchanged) and each person, organisation and tag once in all."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's in-memory test database is private to a process")
    files = write_articles(tmp_path / "articles", ARTICLES)
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
    counts = [_CREATED.search(stdout).groups() for stdout, _ in outputs]
    assert sum(int(created) for created, _ in counts) == ARTICLES
    assert all(int(created) + int(unchanged) == ARTICLES for created, unchanged in counts)
    assert Article.objects.count() == ARTICLES
    people = dict(Person.objects.values_list("name").annotate(n=Count("pk")))
    assert people == dict.fromkeys([*SHARED_PEOPLE, *map(resident, range(ARTICLES))], 1)
    organisations = dict(Organisation.objects.values_list("name").annotate(n=Count("pk")))
    assert organisations == dict.fromkeys(SHARED_ORGANISATIONS, 1)
    assert Tag.objects.filter(name="Riverside").count() == 1
    for name in SHARED_PEOPLE:
        person = Person.objects.get(name=name)
        assert person.articles.count() == ARTICLES and person.quotes.count() >= ARTICLES
