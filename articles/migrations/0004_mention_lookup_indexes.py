# The article page's related coverage reads, for each person and organisation
# the article mentions, the articles last added that mention it
# (``article_page.related_articles``). An index on (entity, article) makes that
# a short backward scan of one entity's rows however many there are; the
# entity-only indexes Django made would read and sort them all.
# The tables are the ones Django makes for the two many-to-many fields.

from django.db import migrations

INDEXES = {
    "mention_person_latest": ("articles_article_people", "person_id"),
    "mention_organisation_latest": ("articles_article_organisations", "organisation_id"),
}


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_quote_search_vector")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({column}, article_id)",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, (table, column) in INDEXES.items()
    ]
