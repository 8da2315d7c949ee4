"""The reader site in a real browser: accessibility, layout at phone and desktop widths, focus.

Runs Debian's Chromium through Playwright against a live server. axe-core
checks every page type in the light and the dark colour scheme (WCAG 2.1 A
and AA, contrast included). Screenshots go to test-artifacts/ for a person to
look at; the tests themselves assert what can be measured.
"""

import mimetypes
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import require_tool
from tests.site.conftest import page_urls

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, showcase):
    require_tool(AXE.exists(), "axe-core is not installed: run `npm ci --ignore-scripts`")
    return {name: live_server.url + path for name, path in page_urls(showcase).items()}


def _serve_media(route):
    """Answer /media/ requests from MEDIA_ROOT: the live server only serves static files."""
    relative = route.request.url.split(settings.MEDIA_URL, 1)[1]
    path = Path(settings.MEDIA_ROOT) / relative
    if not path.is_file():
        route.fulfill(status=404)
        return
    route.fulfill(body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0])


def _new_page(browser, *, width: int, scheme: str):
    # bypass_csp lets axe's script in when the deploy settings send a Content-Security-Policy.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page = context.new_page()
    page.route(f"**/{settings.MEDIA_URL}**", _serve_media)
    return page


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_axe_violations(browser, site, scheme):
    """axe-core finds no WCAG 2.1 A/AA or best-practice violation on any page type."""
    page = _new_page(browser, width=WIDTHS["desktop"], scheme=scheme)
    violations = {}
    for name, url in site.items():
        page.goto(url)
        if found := _axe_violations(page):
            violations[name] = found
    page.context.close()
    assert violations == {}


@pytest.mark.parametrize("width_name", ["phone", "desktop"])
def test_pages_fit_the_screen_and_are_saved_as_screenshots(browser, site, width_name):
    """No page scrolls sideways at 375 or 1280 px; screenshots land in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = WIDTHS[width_name]
    overflowing = {}
    for scheme in ("light", "dark"):
        page = _new_page(browser, width=width, scheme=scheme)
        for name, url in site.items():
            if scheme == "dark" and name not in ("home", "article", "person"):
                continue
            page.goto(url)
            page.screenshot(path=ARTIFACTS / f"{name}-{width}-{scheme}.png", full_page=True)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                overflowing[f"{name} ({scheme})"] = scroll_width
        page.context.close()
    assert overflowing == {}


def test_article_photo_caption_shows_the_photo(browser, site):
    """The caption naming a person with a photo shows that photo, loaded and visible."""
    page = _new_page(browser, width=WIDTHS["desktop"], scheme="light")
    page.goto(site["article"])
    image = page.locator("figure.photo img")
    image.scroll_into_view_if_needed()
    assert image.count() == 1
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    page.context.close()


def test_keyboard_focus_is_visible(browser, site):
    """Tabbing first reveals the skip link, then every focused control shows an outline."""
    page = _new_page(browser, width=WIDTHS["desktop"], scheme="light")
    page.goto(site["article"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link stays off screen when focused"
    for _ in range(6):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, outline
    page.keyboard.press("Shift+Tab")
    page.context.close()
