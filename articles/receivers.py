"""Keep search text, cached pages and stored article pages in step with what editors
and the importer change.

Connected in ``ArticlesConfig.ready``. Admin saves arrive as ordinary model
signals; the importer writes in bulk and sends ``articles_imported`` after
its transaction has committed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from people.models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias

from .cache import after_commit, empty_page_cache, index_articles
from .models import Article, Block, Correction, Quote
from .renders import articles_showing, forget_renders
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
    forget_renders(article_ids=article_ids)


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        after_commit(article_ids=[instance.pk])


@receiver([post_save, post_delete], sender=Block)
def block_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        after_commit(article_ids=[instance.article_id])
        forget_renders(article_ids=[instance.article_id])


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


# Stored article pages (``articles.renders``): which articles' pages a change reaches.


@receiver([post_save, post_delete], sender=Quote)
@receiver([post_save, post_delete], sender=Correction)
def article_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_renders(article_ids=[instance.article_id])


@receiver(post_save, sender=Person)
@receiver(post_save, sender=Organisation)
def speaker_saved(sender, instance, raw=False, **kwargs):
    """A name, role or photo shown on the pages of the articles that mention or quote it."""
    if not raw:
        field = "people" if sender is Person else "organisations"
        forget_renders(**{field: [instance.pk]})


@receiver(pre_delete, sender=Person)
@receiver(pre_delete, sender=Organisation)
def speaker_deleted(sender, instance, **kwargs):
    field = "people" if sender is Person else "organisations"
    forget_renders(article_ids=articles_showing(**{field: [instance.pk]}))


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_renders(tags=[instance.pk])


@receiver([post_save, post_delete], sender=TaggedItem)
def tagging_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        forget_renders(article_ids=[instance.object_id])


@receiver(m2m_changed, sender=Article.people.through)
@receiver(m2m_changed, sender=Article.organisations.through)
def mentions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``article.people.add(…)`` reaches that article; ``person.articles.add(…)`` the
    articles added, and a reverse clear the articles mentioning it before the clear."""
    if not reverse:
        if action.startswith("post_"):
            forget_renders(article_ids=[instance.pk])
    elif action in ("post_add", "post_remove"):
        forget_renders(article_ids=pk_set)
    elif action == "pre_clear":
        field = "people" if isinstance(instance, Person) else "organisations"
        forget_renders(article_ids=articles_showing(**{field: [instance.pk]}))
