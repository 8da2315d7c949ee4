"""Django admin and the public pages work in a real browser under the real CSP header."""

import pytest

from tests.factories import ArticleFactory, PersonFactory, QuoteFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's password

# Chromium reports each blocked script, style or image on the console; the
# securitypolicyviolation event catches anything it reports only to the page.
# Playwright adds this before the page's own scripts, outside the page's CSP.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`
  );
});
"""


@pytest.fixture
def csp_violations(page):
    messages = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("load")


def test_admin_works_under_the_csp_without_violations(page, live_server, settings, csp_violations):
    """Logging in through the (throttled) admin form, the changelists, and a change form
    whose date widgets are built by admin JavaScript raise no CSP violation."""
    settings.AXES_ENABLED = True
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    article = ArticleFactory()
    QuoteFactory(article=article)
    PersonFactory()

    visit(page, f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    for path in ("/admin/articles/article/", "/admin/people/person/", "/admin/people/person/add/"):
        visit(page, live_server.url + path)
    visit(page, f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    # Admin's own scripts ran: they add the calendar and clock shortcuts to date fields.
    page.click(".datetimeshortcuts a[id^=calendarlink]")
    assert page.locator(".calendarbox").first.is_visible()
    page.click(".datetimeshortcuts a[id^=clocklink]")
    assert page.locator(".clockbox").first.is_visible()

    assert csp_violations == []


def test_public_pages_work_under_the_csp_without_violations(page, live_server, csp_violations):
    """The home page and an article page load their styles and scripts without violations."""
    article = ArticleFactory()
    QuoteFactory(article=article)

    visit(page, f"{live_server.url}/")
    visit(page, f"{live_server.url}/articles/{article.slug}/")

    assert csp_violations == []
