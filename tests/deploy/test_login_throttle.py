"""Admin login is throttled against password guessing (django-axes)."""

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's password


@pytest.fixture(autouse=True)
def throttle_on(settings):
    """The suite runs with axes off (tests/conftest.py); these tests are about it."""
    settings.AXES_ENABLED = True
    # Counting failures does not depend on how passwords are hashed: skip the slow hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def log_in(client, password, address="198.51.100.20"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_the_right_password_works_after_fewer_failures_than_the_limit(client, editor):
    """An editor who mistypes a few times (one fewer than the limit) still gets in."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong password").status_code == 200  # form shown again

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_after_the_limit_even_the_right_password_is_refused(client, editor):
    """Once an address has failed the limit, the next login is refused with 429 even with the
    right password, and no session is opened; another address can still log in."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong password")

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "too many login attempts" in response.content.decode().lower()
    assert client.get("/admin/").status_code == 302  # back to the login page

    assert log_in(client, PASSWORD, address="198.51.100.99").status_code == 302
