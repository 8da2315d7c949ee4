"""Stored article pages become the whole page, cut where "Related coverage" goes.

Rows in the old three-part shape are deleted, not converted: they are only a
saving, and pages are built and stored again as readers ask for them (or by
``render_articles``).
"""

from django.db import migrations, models


def forget_stored_pages(apps, schema_editor):
    apps.get_model("articles", "ArticleRender").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_stored_article_pages"),
    ]

    operations = [
        migrations.RunPython(forget_stored_pages, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="articlerender", name="head"),
        migrations.RemoveField(model_name="articlerender", name="body"),
        migrations.RemoveField(model_name="articlerender", name="panels"),
        migrations.AddField(
            model_name="articlerender",
            name="page_start",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="articlerender",
            name="page_end",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
    ]
