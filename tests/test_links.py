"""Addresses of public pages (newsroom/links.py), remembered once reversed."""

import pytest
from django.test import override_settings
from django.urls import include, path, reverse, set_script_prefix

from people import views as people_views
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Other URL patterns, for test_another_urlconf_gives_its_own_addresses.
urlpatterns = [
    path(
        "",
        include(
            ([path("who/<slug:slug>/", people_views.person_detail, name="person_detail")], "people")
        ),
    )
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_a_site_under_a_path_links_there_and_a_site_at_the_root_does_not(script_prefix):
    """The same person's address follows the script prefix a request runs under,
    both ways, though the first answer was remembered."""
    person = PersonFactory(slug="maria-okafor")
    assert person.get_absolute_url() == "/people/maria-okafor/"
    script_prefix("/news/")
    assert person.get_absolute_url() == "/news/people/maria-okafor/"
    script_prefix("/")
    assert person.get_absolute_url() == "/people/maria-okafor/"


def test_a_new_slug_gets_its_own_address():
    """Renaming an article's slug changes its address at once."""
    article = ArticleFactory(slug="budget-agreed")
    assert article.get_absolute_url() == "/articles/budget-agreed/"
    article.slug = "budget-agreed-after-all"
    assert article.get_absolute_url() == reverse("articles:article_detail", args=[article.slug])


def test_another_urlconf_gives_its_own_addresses():
    """With other URL patterns in force, addresses follow them."""
    person = PersonFactory(slug="maria-okafor")
    assert person.get_absolute_url() == "/people/maria-okafor/"
    with override_settings(ROOT_URLCONF="tests.test_links"):
        assert person.get_absolute_url() == "/who/maria-okafor/"
