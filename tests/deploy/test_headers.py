"""Security headers on public pages and in admin, and CSRF protection of admin forms."""

import re

import pytest
from django.test import Client

from tests.factories import ArticleFactory, UserFactory

from .production import csp_directives

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def article():
    return ArticleFactory()


def public_page(client, article):
    return client.get(f"/articles/{article.slug}/")


def admin_login_page(client, article):
    return client.get("/admin/login/")


def admin_changelist(client, article):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client.get("/admin/articles/article/")


@pytest.mark.parametrize("get_page", [public_page, admin_login_page, admin_changelist])
def test_every_page_carries_the_security_headers(client, article, get_page):
    """Public pages and admin alike: a CSP that allows only our own scripts and styles and
    no framing, nosniff, a same-origin referrer, frame denial and an isolated opener."""
    response = get_page(client, article)
    assert response.status_code == 200

    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cookies_are_out_of_reach_of_scripts(client):
    """The CSRF cookie the admin login sets is HttpOnly (no script of ours reads it)."""
    response = client.get("/admin/login/")
    assert response.cookies["csrftoken"]["httponly"] is True


def _csrf_token(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_admin_change_form_refuses_a_post_without_the_csrf_token(editor, article):
    """A forged cross-site POST to an admin change form is refused with 403 and changes nothing;
    the same POST carrying the form's token gets past the CSRF check."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    forged = {"headline": "Hijacked headline", "slug": article.slug, "status": article.status}

    response = client.post(url, forged)

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline != "Hijacked headline"

    with_token = client.post(url, {**forged, "csrfmiddlewaretoken": _csrf_token(client, url)})
    assert with_token.status_code != 403


def test_admin_logout_refuses_a_post_without_the_csrf_token(editor):
    """Logging an editor out from another site does not work: no token, 403, still logged in."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post("/admin/logout/").status_code == 403
    assert client.get("/admin/").status_code == 200
