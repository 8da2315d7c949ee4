"""The project as a whole: system checks, migrations, settings from the environment."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_system_check_is_clean():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_migrations_are_complete():
    """A model change without its migration fails here (and in make test)."""
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def _settings_import(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_secret_key_with_debug_off_is_a_clear_startup_error():
    result = _settings_import({"DEBUG": "0", "ALLOWED_HOSTS": "news.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY environment variable is required" in result.stderr


def test_missing_allowed_hosts_with_debug_off_is_a_clear_startup_error():
    result = _settings_import({"DEBUG": "0", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS environment variable is required" in result.stderr


def test_debug_on_runs_without_a_secret_key():
    assert _settings_import({"DEBUG": "1"}).returncode == 0


def test_an_empty_database_url_means_the_sqlite_default():
    """A blank ``DATABASE_URL=`` line in an env file starts the site on SQLite, not a crash."""
    result = subprocess.run(
        [sys.executable, "-c", "from newsroom import settings; print(settings.DATABASES)"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and "db.sqlite3" in result.stdout


@pytest.mark.django_db
def test_ensure_editor_creates_one_admin_with_a_random_password_once():
    from django.contrib.auth import get_user_model

    first, second = StringIO(), StringIO()
    call_command("ensure_editor", stdout=first)
    call_command("ensure_editor", stdout=second)

    editor = get_user_model().objects.get(username="editor")
    password = first.getvalue().split("password: ")[1].split()[0]
    assert editor.is_superuser and editor.check_password(password)
    assert "already exists" in second.getvalue()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_ensure_editor_passwords_differ_between_installs():
    from django.contrib.auth import get_user_model

    passwords = []
    for _ in range(2):
        out = StringIO()
        call_command("ensure_editor", stdout=out)
        passwords.append(out.getvalue().split("password: ")[1].split()[0])
        get_user_model().objects.all().delete()
    assert passwords[0] != passwords[1]


def test_seed_copies_are_byte_identical_to_shared_seeds():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in shared.glob("*.txt"):
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()
