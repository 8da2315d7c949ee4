from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.core.management.base import BaseCommand, CommandError
from django.http import HttpRequest

from articles.article_page import store_stale_pages
from articles.entries import store_stale_entries


class OriginRequest(HttpRequest):
    """A request for ``origin`` ("https://news.example.org"), as a reader's browser
    would send it there: what absolute links in a page are built from."""

    def __init__(self, origin: str):
        super().__init__()
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
            raise CommandError(
                f"--origin {origin!r}: give a scheme and host, e.g. https://news.example.org"
            )
        self._origin_scheme = parts.scheme
        self.META = {
            "HTTP_HOST": parts.netloc,
            "SERVER_NAME": parts.hostname,
            "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
        }

    def _get_scheme(self) -> str:
        return self._origin_scheme


class Command(BaseCommand):
    help = (
        "Build and store the page and the list entries of every published article that "
        "has none current, so readers' first visits after an import or a deploy are "
        "served from stored rows. Both are also stored as readers visit pages; this "
        "only does it ahead of them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--origin",
            required=True,
            help="The site's address as readers use it, e.g. https://news.example.org "
            "(pages have absolute links; a page stored for another address is built again).",
        )

    def handle(self, *args, origin, **options):
        request = OriginRequest(origin)
        try:
            request.get_host()
        except DisallowedHost:
            raise CommandError(f"--origin {origin!r}: the host is not in ALLOWED_HOSTS") from None
        built = store_stale_pages(request)
        self.stdout.write(f"Pages stored for {built} articles at {origin.rstrip('/')}.")
        listed = store_stale_entries()
        self.stdout.write(f"List entries stored for {listed} articles.")
