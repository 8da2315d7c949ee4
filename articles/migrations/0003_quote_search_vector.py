# Quotes get a stored search vector on PostgreSQL, kept by the database itself.
#
# Search used to rank quotes on to_tsvector('english', text) computed for every
# match (an expression GIN index found them): for a common word at 100,000
# articles that was seconds (`make bench`). Now a trigger fills search_vector
# on every insert and update, however the row is written (the ORM, bulk_create,
# COPY), and a GIN index covers the column. SQLite keeps the column empty: its
# search reads the text.

import django.contrib.postgres.search
from django.db import migrations

from newsroom.db import on_postgresql

POSTGRESQL_FORWARDS = [
    """
    CREATE TRIGGER quote_search_vector BEFORE INSERT OR UPDATE ON articles_quote
    FOR EACH ROW EXECUTE FUNCTION
    tsvector_update_trigger(search_vector, 'pg_catalog.english', text)
    """,
    "UPDATE articles_quote SET search_vector = to_tsvector('pg_catalog.english', text)",
    "CREATE INDEX quote_search_vector ON articles_quote USING gin (search_vector)",
    "DROP INDEX IF EXISTS quote_text_search",
]
POSTGRESQL_BACKWARDS = [
    "CREATE INDEX quote_text_search ON articles_quote "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, ''::text)))",
    "DROP INDEX IF EXISTS quote_search_vector",
    "DROP TRIGGER IF EXISTS quote_search_vector ON articles_quote",
]


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_reader_search'),
    ]

    operations = [
        migrations.AddField(
            model_name='quote',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            on_postgresql(POSTGRESQL_FORWARDS), on_postgresql(POSTGRESQL_BACKWARDS)
        ),
    ]
