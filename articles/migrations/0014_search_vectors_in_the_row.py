# Article search vectors kept in the table row instead of the TOAST table, on PostgreSQL.
#
# A vector (some 3.5 KB for an article of the seeds' length) made each search
# document row too long for the page, so PostgreSQL moved it out to the TOAST
# table, and a search fetched it from there for every article it checked: two
# more index probes a row, and again to rank it. With STORAGE MAIN the vector
# stays in the row (a row moves out only if it could not fit on a page at all),
# and the body, which the search only reads for the page's results, goes out
# instead. On the 10,000-article copy, the article query of a search for a word in
# most articles read 1,979 buffers instead of 3,477 and ran in 0.6 of the time,
# measured against the quote query, unchanged (bench/HISTORY.md). The setting
# applies to rows written from now on; the UPDATE writes every existing vector
# again (unchanged: concatenated with an empty one) so that it takes effect for
# them too. SQLite has no such setting; the model state is untouched, so
# makemigrations stays clean on both databases.

from django.db import migrations

from newsroom.db import on_postgresql


def _storage(mode: str) -> list[str]:
    return [
        f"ALTER TABLE articles_searchdocument ALTER COLUMN vector SET STORAGE {mode}",
        "UPDATE articles_searchdocument SET vector = vector || ''::tsvector"
        " WHERE vector IS NOT NULL",
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_stored_pages_lz4"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(_storage("MAIN")), on_postgresql(_storage("EXTENDED"))),
    ]
