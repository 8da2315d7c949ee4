"""The editors' article and quote changelists: queries and time per request.

A child process (DEBUG off, the site database, the run's cache) creates a
throwaway superuser, logs in through the admin login form as an editor would
(so django-axes and the session middleware do their usual work), and asks for
each changelist with Django's test client: one unmeasured request first (so
template loading and first-use queries are not counted), then ``repeat`` timed
requests, then one more inside ``CaptureQueriesContext`` for the queries. The
user is deleted at the end. Time is the view's, without a web server: the
changelists are not cached, so gunicorn would only add its constant overhead.

Besides the plain lists, each is also searched for the most common headline
word, as editors looking for a story do: the search runs over every row. The
article list is searched for a name too, the surname of the person mentioned in
the most articles, as editors looking for someone's coverage do.
"""

import json
from statistics import median

from .context import Context, Row, StageResult
from .environment import manage, production_env
from .pages import refresh_statistics

SQL_CHARACTERS = 600  # of each statement kept in the figures: enough to tell which it is
# Runs in a child process (manage.py shell). REPEAT and SQL_CHARACTERS are prepended.
TIME_CHANGELISTS = """
import json, re, secrets, time
from collections import Counter
from urllib.parse import quote
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from articles.models import Article, Quote
from people.models import Person

words = Counter()
for headline in Article.objects.values_list("headline", flat=True):
    words.update({word.casefold() for word in re.findall(r"[^\\W\\d_]{5,}", headline)})
word = words.most_common(1)[0][0] if words else "council"
named = Person.objects.annotate(mentions=Count("articles")).order_by("-mentions", "pk").first()
surname = named.name.split()[-1] if named else "Smith"
articles = reverse("admin:articles_article_changelist")
quotes = reverse("admin:articles_quote_changelist")
paths = {"article": articles, "quote": quotes,
    "article_search": f"{articles}?q={quote(word)}", "quote_search": f"{quotes}?q={quote(word)}",
    "article_name": f"{articles}?q={quote(surname)}"}
password = secrets.token_urlsafe(24)
user = get_user_model().objects.create_superuser(
    f"bench-admin-{secrets.token_hex(6)}", "bench@example.invalid", password)
try:
    client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
    login = client.post(reverse("admin:login"),
        {"username": user.get_username(), "password": password, "next": "/admin/"})
    if login.status_code != 302:
        raise SystemExit(f"admin login answered {login.status_code}, not a redirect")
    results = {}
    for name, path in paths.items():
        client.get(path)
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        results[name] = {"path": path, "ms": times, "queries": len(queries), "sql": [
            {"ms": float(query["time"]) * 1000, "sql": query["sql"][:SQL_CHARACTERS]}
            for query in queries.captured_queries]}
finally:
    user.delete()
print("TIMED", json.dumps({"rows": {"article": Article.objects.count(),
    "quote": Quote.objects.count()}, "results": results}))
"""

LABELS = {
    "article": "article changelist",
    "quote": "quote changelist",
    "article_search": "article changelist, searched",
    "quote_search": "quote changelist, searched",
    "article_name": "article changelist, searched for a name",
}


def time_changelists(env: dict, repeat: int) -> dict:
    output = manage(
        env,
        "shell",
        "--command",
        f"REPEAT = {repeat}\nSQL_CHARACTERS = {SQL_CHARACTERS}\n{TIME_CHANGELISTS}",
    )
    return json.loads(output.split("TIMED", 1)[1])


def make_rows(timed: dict) -> list[Row]:
    rows = []
    for name, result in timed["results"].items():
        rows_in_table = timed["rows"][name.split("_")[0]]
        rows.append(
            Row(
                "Admin",
                f"{LABELS[name]} ({rows_in_table:,} rows)",
                f"{median(result['ms']):.0f} ms median (slowest {max(result['ms']):.0f} ms)"
                f" · {result['queries']} queries",
            )
        )
    return rows


def run(context: Context) -> StageResult:
    work = context.work / "admin"
    work.mkdir(parents=True, exist_ok=True)
    env = production_env(work, context.site_database, redis_url=context.redis_url)
    manage(env, "collectstatic", "--noinput")  # DEBUG off: pages name the hashed files
    refresh_statistics(env)
    timed = time_changelists(env, repeat=5 if context.quick else 20)
    figures = {
        "rows": timed["rows"],
        "results": {
            name: {
                "path": result["path"],
                "median_ms": median(result["ms"]),
                "max_ms": max(result["ms"]),
                "queries": result["queries"],
                "sql": result["sql"],
            }
            for name, result in timed["results"].items()
        },
    }
    return StageResult(figures=figures, rows=make_rows(timed))
