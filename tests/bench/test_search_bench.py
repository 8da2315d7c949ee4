"""The search benchmark stage: a quick run on scratch PostgreSQL databases gives sane numbers."""

import os

import pytest

from bench import search
from bench.context import SCRATCH_PREFIX, Context
from bench.environment import DEFAULT_POSTGRES_SERVER, postgres_url
from tests.bench.contexts import quick_context

# This process runs the stage, so the run's scratch databases carry its pid.
DATABASES = tuple(f"{SCRATCH_PREFIX}{os.getpid()}_search_{size}" for size in (30, 60))
SERVER = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ["DATABASE_URL"]


def _context(tmp_path, server: str | None, sizes: tuple[int, ...] = (30, 60)) -> Context:
    return quick_context(
        tmp_path,
        sizes[0],
        import_sizes=(),
        search_sizes=sizes,
        connections=1,
        postgres_server=server,
    )


def _server() -> str:
    """The PostgreSQL server to use; skips (or fails in CI) when none answers."""
    import psycopg2

    server = SERVER or DEFAULT_POSTGRES_SERVER
    try:
        psycopg2.connect(postgres_url(server, "postgres"), connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {server} is unreachable and CI is set: {error}")
        pytest.skip(f"PostgreSQL at {server} is unreachable: {error}")
    return server


def test_without_a_postgres_server_the_stage_says_it_was_skipped(tmp_path):
    result = search.run(_context(tmp_path, None))
    assert len(result.rows) == 1 and "skipped" in result.rows[0].value


def test_percentile_is_a_measured_value():
    samples = [float(n) for n in range(1, 101)]
    assert search.percentile(samples, 0.5) == 50.0
    assert search.percentile(samples, 0.99) == 99.0
    assert search.percentile([7.0], 0.99) == 7.0


def test_copy_value_escapes_what_copy_text_format_reads_specially():
    assert search.copy_value(None) == "\\N"
    assert search.copy_value("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"


def _scratch_databases(server: str) -> list[str]:
    import psycopg2

    connection = psycopg2.connect(postgres_url(server, "postgres"))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname IN %s", [DATABASES])
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()


def test_a_quick_run_times_both_index_states_at_each_size(tmp_path):
    """Positive timings with p50 ≤ p99, for common and rare terms, with and without GIN."""
    server = _server()
    result = search.run(_context(tmp_path, server))
    assert _scratch_databases(server) == []  # each size's database is dropped afterwards
    for size in (30, 60):
        measured = result.figures[str(size)]
        assert measured["fill"]["articles"] == size and measured["fill"]["blocks"] > size
        assert all(
            term["documents"] >= 1
            for kind in ("common", "rare")
            for term in measured["terms"][kind]
        )
        for state in ("with_gin", "without_gin"):
            for kind in ("common", "rare"):
                timing = measured[state][kind]
                assert 0 < timing["p50_ms"] <= timing["p99_ms"], (size, state, kind)
    measures = [row.measure for row in result.rows]
    assert sum("with GIN" in measure for measure in measures) == 4
    assert sum("without GIN" in measure for measure in measures) == 4
    assert all(row.met is None for row in result.rows)  # the target applies at 100,000 only
