"""Processes the benchmarks (and `make stress`) run: settings, manage.py, databases, gunicorn.

Every measurement runs Django in a child process configured through the
environment, exactly as production is (see the README's Deploy section), so
one run can use a SQLite file and then a PostgreSQL database without the two
sharing a connection or a cache.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
WRK_SCRIPT = ROOT / "bench" / "pages.lua"  # counts every status; see its header


class BenchError(Exception):
    """A step the benchmark cannot go on without failed; the message says which."""


def production_env(
    work: Path, database_url: str, *, port: int = 8301, workers: int = 2, redis_url: str = ""
) -> dict[str, str]:
    """The environment of a production-like site: DEBUG off, hashed static files, gunicorn."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GUNICORN_", "SECURE_", "CSRF_", "AWS_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}-{port}",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        # As behind the HTTPS proxy of the README's Deploy section: clients send the header.
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_checked(command: list[str], *, what: str, env: Mapping[str, str] | None = None) -> str:
    """Run ``command`` in the project folder; its stdout, or ``BenchError`` saying
    ``what`` failed, with its output."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"{what} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def manage(env: dict, *args: str) -> str:
    """Run ``manage.py args`` with ``env``; its stdout, or ``BenchError`` with its output."""
    return run_checked(
        [sys.executable, "manage.py", *args], what=f"manage.py {' '.join(args)}", env=env
    )


def wrk(
    paths: list[str],
    *,
    port: int,
    mode: str,
    connections: int,
    seconds: int,
    threads: int = 2,
    timeout: str = "10s",
    folder: Path | None = None,
) -> str:
    """wrk's output for ``paths`` on 127.0.0.1:``port`` through bench/pages.lua in
    ``mode`` ("warm" or "cold", see the script), or ``BenchError``.

    ``timeout`` replaces wrk's own 2 s, shorter than a request can queue for
    two workers under load: that wait belongs in p99, not among socket errors.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=folder) as listing:
        listing.write("\n".join(paths) + "\n")
        listing.flush()
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
        command += ["--timeout", timeout, "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}"]
        # The listing's unique name tags this run's cold URLs (see pages.lua).
        tag = Path(listing.name).stem
        return run_checked([*command, "--", mode, listing.name, tag], what="wrk")


def run_stage_child(module: str, env: Mapping[str, str], *args: str) -> dict:
    """Run ``python -m bench.<module> args`` with ``env``; the JSON line it prints last.

    Its stderr (progress, and any traceback) goes straight to ours.
    """
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"bench.{module} {' '.join(args)} failed (its error is above)")
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_url(server: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server`` (a server or database URL)."""
    parts = urlsplit(server)
    return parts._replace(path=f"/{name}").geturl()


def _run_on_server(url: str, sql: str) -> None:
    import psycopg2

    admin = psycopg2.connect(postgres_url(url, "postgres"))
    admin.autocommit = True  # CREATE and DROP DATABASE refuse to run in a transaction
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql)
    finally:
        admin.close()


@contextmanager
def fresh_postgres(url: str):
    """Drop and create the database ``url`` names; drop it again afterwards."""
    name = urlsplit(url).path.lstrip("/")
    _run_on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _run_on_server(url, f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        _run_on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def gunicorn(env: dict, work: Path, port: int):
    """gunicorn serving the site; its access log and error log go to files in ``work``."""
    with (work / "access.log").open("w") as access, (work / "error.log").open("w") as errors:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn")],
            cwd=ROOT,
            env=env,
            stdout=access,
            stderr=errors,
        )
        try:
            wait_until_serving(port, server)
            yield server
        finally:
            server.terminate()
            server.wait(timeout=60)


def wait_until_serving(port: int, server: subprocess.Popen, path: str = "/") -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError("gunicorn exited at start-up: see error.log")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise BenchError("gunicorn did not answer within a minute")
