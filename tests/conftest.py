"""Fixtures shared by the whole suite.

Browser tests use Debian's Chromium (never a downloaded one: see
../shared/TOOLING.md). On a developer's laptop without Chromium they skip;
in CI (`REQUIRE_BROWSER=1`, set by .ci/run) a missing browser fails instead,
so a skipped browser run can never look green.
"""

import os
import shutil

import pytest

# pytest-playwright runs an event loop in the test thread; the ORM calls that
# live_server tests make from that thread are safe because they are not async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_tool(available: bool, reason: str) -> None:
    """Skip when a local tool is missing, or fail when CI says it must be there."""
    if available:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (REQUIRE_BROWSER is set, so this may not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    if browser_name != "chromium":
        return browser_type_launch_args
    require_tool(os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests
    (nor the pages, counts and generation a process keeps in memory,
    articles/local_copies.py)."""
    from django.core.cache import cache

    from articles.cache import forget_generation, local_counts
    from articles.page_cache import local_pages

    emptying = (cache.clear, local_pages.clear, local_counts.clear, forget_generation)
    for empty in emptying:
        empty()
    yield
    for empty in emptying:
        empty()


@pytest.fixture(autouse=True)
def _login_throttle_off(settings):
    """django-axes is off unless a test switches it on (tests/deploy/test_login_throttle.py).

    `client.login()` calls `authenticate()` without a request, which axes
    refuses; its documentation suggests disabling it in test setups.
    """
    settings.AXES_ENABLED = False


@pytest.fixture
def showcase(db, settings, tmp_path, django_capture_on_commit_callbacks):
    """The reader site's invented newsroom (tests/showcase.py), photos in a temporary MEDIA_ROOT.

    On-commit callbacks run as after a real commit, so search text is built.
    """
    from tests.showcase import build_showcase

    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        return build_showcase()


@pytest.fixture
def newsroom_groups(db):
    """The Reporter and Editor groups exactly as `manage.py setup_groups` makes them."""
    from django.contrib.auth.models import Group

    from articles.groups import setup_groups

    setup_groups()
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def editor_user(newsroom_groups):
    """A staff member in the Editor group (may publish)."""
    from tests.factories import UserFactory

    # No password: tests log in without one, and hashing one costs half a second.
    user = UserFactory(username="editor-in-test", is_staff=True, password=None)
    user.groups.add(newsroom_groups["Editor"])
    return user


@pytest.fixture
def reporter_user(newsroom_groups):
    """A staff member in the Reporter group (drafts, sends to review, may not publish)."""
    from tests.factories import UserFactory

    user = UserFactory(username="reporter-in-test", is_staff=True, password=None)
    user.groups.add(newsroom_groups["Reporter"])
    return user
