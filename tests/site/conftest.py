def page_urls(showcase) -> dict[str, str]:
    """One address for each page type of the reader site, given the ``showcase`` fixture."""
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
