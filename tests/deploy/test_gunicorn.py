"""The deployment as the README describes it: migrate, collectstatic, gunicorn behind a proxy.

One gunicorn (two workers, gunicorn.conf.py) runs for the whole module on a
free loopback port, with DEBUG off, a throwaway SQLite database and static
folder, and the variables of a server behind a TLS-terminating load balancer.
Requests carry what that balancer would add: X-Forwarded-Proto and -For.
"""

import http.client
import multiprocessing
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from .production import HOST, ROOT, csp_directives, production_env, run

PASSWORD = "a long passphrase for the smoke test"
LOGIN_FAILURE_LIMIT = 2


@dataclass
class Server:
    port: int
    stdout: Path

    def request(self, method, path, *, https=True, client="203.0.113.10", headers=None, body=None):
        """Send a request as the load balancer would forward it; returns (response, text)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST, "X-Forwarded-For": client, **(headers or {})}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        connection.close()
        return response, text


def cookies_of(response) -> SimpleCookie:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(process, port, log: Path, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not listen on {port} within {seconds}s:\n{log.read_text()}")


# The release steps an operator runs once per deploy (README "Deploy"), in one process.
_RELEASE = """
import django
from django.core.management import call_command
django.setup()
call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
call_command("createsuperuser", interactive=False, verbosity=0)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # SQLite on tmpfs where there is one: migrating is disk-bound, and this is throwaway.
    shm = Path("/dev/shm")  # noqa: S108 (mkdtemp makes a private, unique folder in it)
    tmp = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path_factory.mktemp("deploy")
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        TRUSTED_PROXY_COUNT="1",
        LOGIN_FAILURE_LIMIT=str(LOGIN_FAILURE_LIMIT),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        DJANGO_SUPERUSER_USERNAME="editor",
        DJANGO_SUPERUSER_EMAIL="editor@example.org",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    release = run(
        [sys.executable, "-c", _RELEASE], env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    )
    assert release.returncode == 0, release.stderr

    stdout, stderr = tmp / "gunicorn.out", tmp / "gunicorn.err"
    with stdout.open("w") as out, stderr.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn"], cwd=ROOT, env=env, stdout=out, stderr=err
        )
    try:
        wait_until_listening(process, port, stderr)
        yield Server(port=port, stdout=stdout)
    finally:
        process.send_signal(signal.SIGTERM)  # graceful: finish requests, then exit
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def test_plain_http_is_redirected_to_https(server):
    """A request the balancer received over plain HTTP is sent to the HTTPS address."""
    response, _ = server.request("GET", "/admin/login/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/admin/login/"


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_pages_carry_hsts_and_the_csp_in_production(server, path):
    """Over HTTPS every page, public or admin, tells browsers to stay on HTTPS for a year
    (subdomains too, preload-ready) and carries the strict Content-Security-Policy."""
    response, _ = server.request("GET", path)
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    csp = csp_directives(response.getheader("Content-Security-Policy"))
    assert csp["script-src"] == ["'self'"]
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_static_files_are_served_compressed_under_hashed_names(server):
    """Pages link static files by content hash; gunicorn (WhiteNoise) serves them gzipped and
    cacheable for ever, since a changed file gets a new name."""
    _, html = server.request("GET", "/admin/login/")
    stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the login page should link the hashed stylesheet"

    response, _ = server.request("GET", stylesheet.group(1), headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "immutable" in response.getheader("Cache-Control")


def _login(server, password, client):
    """Fetch the login form and post it like a browser on the site's HTTPS origin."""
    page, html = server.request("GET", "/admin/login/", client=client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = cookies_of(page)["csrftoken"].value
    body = f"username=editor&password={password.replace(' ', '+')}&csrfmiddlewaretoken={token}"
    return server.request(
        "POST",
        "/admin/login/?next=/admin/",
        client=client,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": f"https://{HOST}",
        },
    )


def test_editor_logs_in_and_gets_a_secure_httponly_session_cookie(server):
    """Logging in through the proxy works (CSRF origin check passes over HTTPS) and the
    session and CSRF cookies are HTTPS-only and hidden from scripts."""
    response, _ = _login(server, PASSWORD, client="203.0.113.20")

    assert response.status == 302
    cookies = cookies_of(response)
    for name in ("sessionid", "csrftoken"):
        assert cookies[name]["secure"] is True, name
        assert cookies[name]["httponly"] is True, name
    admin, _ = server.request(
        "GET",
        "/admin/",
        client="203.0.113.20",
        headers={"Cookie": f"sessionid={cookies['sessionid'].value}"},
    )
    assert admin.status == 200


def test_login_throttle_counts_the_address_the_load_balancer_saw(server):
    """Failures are counted for the visitor's address from X-Forwarded-For, across both
    workers: once locked out, the right password is refused, forging an extra address in
    front does not help, and other visitors are unaffected."""
    attacker = "203.0.113.66"
    for _ in range(LOGIN_FAILURE_LIMIT):
        _login(server, "wrong guess", client=attacker)

    assert _login(server, PASSWORD, client=attacker)[0].status == 429
    assert _login(server, PASSWORD, client=f"192.0.2.1, {attacker}")[0].status == 429
    assert _login(server, PASSWORD, client="203.0.113.67")[0].status == 302


def test_access_log_goes_to_stdout_with_the_visitor_address(server):
    """Each request is logged on stdout with the address the balancer forwarded."""
    server.request("GET", "/admin/login/", client="203.0.113.77")
    time.sleep(0.2)  # the worker writes its log line just after the response
    lines = server.stdout.read_text().splitlines()
    assert any(
        line.startswith("203.0.113.77 ") and '"GET /admin/login/ HTTP/1.1" 200' in line
        for line in lines
    ), lines[-5:]


def gunicorn_config(monkeypatch, **env: str) -> dict:
    """The settings gunicorn.conf.py gives gunicorn in this environment (gunicorn runs the
    file as a module and reads its top-level names)."""
    for name in (
        "GUNICORN_BIND",
        "GUNICORN_WORKERS",
        "GUNICORN_TIMEOUT",
        "GUNICORN_CONTROL_SOCKET",
        "GUNICORN_PRELOAD",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_two_workers_per_core_plus_one_on_loopback(monkeypatch):
    """Without variables: 2 × cores + 1 workers forked from a master that loaded the site,
    loopback only, logs to stdout/stderr, and no control socket that a second instance
    on the machine would collide with."""
    config = gunicorn_config(monkeypatch)
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["accesslog"] == "-"
    assert config["errorlog"] == "-"
    assert config["wsgi_app"] == "newsroom.wsgi:application"
    assert config["control_socket_disable"] is True
    assert config["preload_app"] is True


def test_gunicorn_takes_bind_workers_and_timeouts_from_the_environment(monkeypatch):
    config = gunicorn_config(
        monkeypatch,
        GUNICORN_BIND="0.0.0.0:9000, [::]:9000",
        GUNICORN_WORKERS="3",
        GUNICORN_TIMEOUT="45",
    )
    assert config["bind"] == ["0.0.0.0:9000", "[::]:9000"]
    assert config["workers"] == 3
    assert config["timeout"] == 45


def test_gunicorn_loads_the_site_in_each_worker_when_preload_is_off(monkeypatch):
    """GUNICORN_PRELOAD=0 is for operators who reload code with SIGHUP instead of restarting."""
    assert gunicorn_config(monkeypatch, GUNICORN_PRELOAD="0")["preload_app"] is False
    assert gunicorn_config(monkeypatch, GUNICORN_PRELOAD="1")["preload_app"] is True
