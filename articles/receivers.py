"""Keep search text and cached pages in step with what editors and the importer change.

Connected in ``ArticlesConfig.ready``. Admin saves arrive as ordinary model
signals; the importer writes in bulk and sends ``articles_imported`` after
its transaction has committed.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from people.models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias

from .cache import after_commit, empty_page_cache, index_articles
from .models import Article, Block, Correction, Quote
from .signals import articles_imported

# Rows whose change alters what some public page shows, but not an article's search text.
DISPLAYED_MODELS = (
    Quote,
    Correction,
    Person,
    Organisation,
    Affiliation,
    PersonAlias,
    OrganisationAlias,
    Tag,
    TaggedItem,
)
# Many-to-many relations whose changes alter what public pages show.
DISPLAYED_RELATIONS = (Article.people.through, Article.organisations.through, TaggedItem)


@receiver(articles_imported)
def refresh_after_import(sender, article_ids, **kwargs):
    """The import has committed: index the articles it wrote and empty the page cache."""
    empty_page_cache()
    index_articles(article_ids)


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        after_commit(article_ids=[instance.pk])


@receiver([post_save, post_delete], sender=Block)
def block_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        after_commit(article_ids=[instance.article_id])


def displayed_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        after_commit()


def relation_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        after_commit()


for model in DISPLAYED_MODELS:
    post_save.connect(displayed_row_changed, sender=model, dispatch_uid=f"reader-save-{model}")
    post_delete.connect(displayed_row_changed, sender=model, dispatch_uid=f"reader-del-{model}")
for through in DISPLAYED_RELATIONS:
    m2m_changed.connect(relation_changed, sender=through, dispatch_uid=f"reader-m2m-{through}")
