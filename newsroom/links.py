"""Addresses of public pages (by slug, or with no argument), each reversed once per process.

``reverse()`` costs about 40 µs. A listing page links each article, tag and
quoted speaker it shows, and the same few hundred people and tags recur on
every page, so reversing them again was a sixth of a page built from the
database. A reversed URL depends only on the URL patterns, the script prefix
and the URLconf in use; the last two are part of the key, and the patterns
are fixed once a process has loaded them.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def slug_url(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})``, remembered."""
    return _reversed(viewname, slug, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def fixed_url(viewname: str) -> str:
    """``reverse(viewname)``, remembered: the links every page's masthead and footer
    carry (nine ``{% url %}`` tags were a third of a stored article page's template)."""
    return _reversed(viewname, None, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


# Bounded: a crawler walking every page of a large site must not grow a worker.
@lru_cache(maxsize=16_384)
def _reversed(viewname: str, slug: str | None, script_prefix: str, urlconf: str) -> str:
    # reverse() reads the script prefix itself; it is in the key so that two
    # deployments under different prefixes in one process never share an answer.
    kwargs = None if slug is None else {"slug": slug}
    return reverse(viewname, kwargs=kwargs, urlconf=urlconf)
