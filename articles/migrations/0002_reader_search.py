# The reader site's search: one SearchDocument per article, and on PostgreSQL
# GIN indexes for full-text search. The indexes are created only on
# PostgreSQL (SQLite has no GIN and no tsvector) and are kept out of the model
# state on purpose, so makemigrations stays clean on both databases.

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.migrations.operations.base import Operation


class AddIndexOnPostgreSQL(Operation):
    """Create ``index`` on PostgreSQL only; other databases and the model state are untouched."""

    reversible = True

    def __init__(self, model_name, index):
        self.model_name = model_name
        self.index = index

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(to_state.apps.get_model(app_label, self.model_name), self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(
                from_state.apps.get_model(app_label, self.model_name), self.index
            )

    def describe(self):
        return f"Create index {self.index.name} on {self.model_name} (PostgreSQL only)"

    def deconstruct(self):
        return (self.__class__.__name__, [self.model_name, self.index], {})


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='articles.article')),
                ('body', models.TextField(blank=True)),
                ('vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
        ),
        AddIndexOnPostgreSQL("searchdocument", GinIndex(fields=["vector"], name="search_document_vector")),
        # The same expression articles.search uses to search quotes, so the planner can use it.
        AddIndexOnPostgreSQL(
            "quote", GinIndex(SearchVector("text", config="english"), name="quote_text_search")
        ),
    ]
