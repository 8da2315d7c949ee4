from django.core.management.base import BaseCommand

from articles.cache import empty_page_cache
from articles.models import Article
from articles.search import refresh_search_documents

BATCH = 200


class Command(BaseCommand):
    help = (
        "Rebuild the reader site's search text for every article. Saves and imports keep it "
        "up to date; run this once after installing on a database that already has articles."
    )

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh_search_documents(article_ids=ids[start : start + BATCH])
        empty_page_cache()  # search pages are cached too
        self.stdout.write(f"Search text rebuilt for {len(ids)} articles.")
