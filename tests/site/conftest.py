import pytest

from tests.showcase import build_showcase


@pytest.fixture
def showcase(db, settings, tmp_path, django_capture_on_commit_callbacks):
    """The invented library-campaign newsroom, photos stored under a temporary MEDIA_ROOT.

    On-commit callbacks run as they would after a real commit, so search text is built.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        return build_showcase()


def page_urls(showcase) -> dict[str, str]:
    """One address for each page type of the reader site."""
    return {
        "home": "/",
        "article": showcase["lead"].get_absolute_url(),
        "person": showcase["leader"].get_absolute_url(),
        "organisation": showcase["council"].get_absolute_url(),
        "tag": "/tags/libraries/",
        "people": "/people/",
        "organisations": "/organisations/",
        "search": "/search/?q=library",
        "search-empty": "/search/?q=zzzzunmatched",
        "not-found": "/no-such-page/",
    }
