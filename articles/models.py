"""Articles, their body blocks, the quotes in them and corrections."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from newsroom.links import slug_url
from people.models import Organisation, Person


def published_condition(*, at=None, through: str = "") -> Q:
    """What ``ArticleQuerySet.published`` asks of an article, for a query of rows
    that reach their article through ``through`` (``"article__"`` for quotes)."""
    return Q(
        **{
            f"{through}status": Article.Status.PUBLISHED,
            f"{through}published_at__lte": at or timezone.now(),
        }
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Articles readers may see: published, with a publication time that has come
        (by ``at``, else now).

        Every public surface (pages, feeds, sitemaps, search, related links)
        starts from this queryset. A published article dated in the future is
        "scheduled" and appears by itself when its time comes, with no cron.
        """
        return self.filter(published_condition(at=at))

    def imported_from(self, names):
        """Articles the importer read from files with these names.

        The "not blank" condition repeats the one of the unique index on
        ``source_file``: SQLite uses a partial index only when the query says
        so, and without it every import scanned the whole table (an import of
        10,000 articles ran at half the speed of one of 1,000).
        """
        return self.filter(source_file__in=names).exclude(source_file="")


class QuoteQuerySet(models.QuerySet):
    def not_rejected(self):
        """Quotes an editor has not rejected: what pages, feeds and search may show
        of an article readers can see."""
        return self.exclude(status=Quote.Status.REJECTED)


class Article(models.Model):
    """A news article.

    The body is stored as ordered ``Block`` rows (paragraph, subhead, caption)
    rather than one text field or a JSON list. Editors edit blocks one by one
    as an inline in admin, and a ``Quote`` points at the blocks it spans with
    foreign keys: when an editor inserts, deletes or reorders paragraphs, each
    quote still points at the paragraphs it came from, where a numeric offset
    into a text field or list would silently point at the wrong one.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="The last part of the article's address; keep it stable once published.",
    )
    headline_needs_review = models.BooleanField(
        default=False,
        help_text="Ticked when the headline was made up by the importer. "
        "Untick once you have written a real one.",
    )
    standfirst = models.TextField(
        blank=True, help_text="The summary paragraph shown under the headline and in listings."
    )
    byline = models.CharField(max_length=200, blank=True, help_text="Who wrote it.")
    publication = models.CharField(
        max_length=200, blank=True, help_text="The outlet that first published it."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers can see it. A future time schedules the article.",
    )
    source_file = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The file the importer read this article from.",
    )
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    imported_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="What the importer last wrote (headline, standfirst, body…). A re-import "
        "only replaces a field an editor has not changed since.",
    )
    tags = TaggableManager(blank=True, help_text="Comma-separated topics.")
    people = models.ManyToManyField(
        Person, blank=True, related_name="articles", verbose_name="people mentioned"
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="articles",
        verbose_name="organisations mentioned",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Moved on when something the article's page shows changes elsewhere (a quote,
    # a tag, a speaker's name): a stored ``ArticleRender`` of an older version is
    # not served. See ``articles.renders``.
    render_version = models.PositiveIntegerField(default=0, editable=False)
    # History is read one article at a time (by ``id``) and by date: its copies of
    # the article's own indexes would only slow every save and import.
    history = HistoricalRecords(
        excluded_fields=["imported_at", "imported_values", "render_version"],
        no_db_index=["slug", "status", "published_at"],
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_file"],
                condition=~Q(source_file=""),
                name="unique_article_source_file",
            ),
        ]
        indexes = [
            # Lists read it in order; with the id in it, every "among the published
            # articles" join reads the index alone, not the wide article rows.
            models.Index(fields=["status", "-published_at", "-id"], name="article_listing"),
            # Is this one article public? Answered from the index alone (PostgreSQL):
            # checking the 200 newest quotes matching a search one by one then costs
            # less than hashing every published article, which PostgreSQL did
            # (2 ms of a 4 ms query at 10,000 articles; `make bench`).
            models.Index(
                fields=["id"], include=["status", "published_at"], name="article_publication"
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return slug_url("articles:article_detail", self.slug)

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Block(models.Model):
    """One paragraph, subhead or caption of an article's body, in reading order."""

    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", "Paragraph"
        SUBHEAD = "subhead", "Subhead"
        CAPTION = "caption", "Photo caption"

    # ``block_order`` (article, position) serves every lookup by article: a second
    # index on the article alone would only slow the import's thirty rows an article.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="blocks", db_index=False
    )
    position = models.PositiveIntegerField(
        help_text="Order in the article; blocks are shown from the lowest number up."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PARAGRAPH)
    text = models.TextField()
    history = HistoricalRecords(no_db_index=["article"])

    class Meta:
        ordering = ["article", "position", "id"]
        indexes = [models.Index(fields=["article", "position"], name="block_order")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}: {self.text[:60]}"


class Quote(models.Model):
    """Words attributed to a person or an organisation (never both) in an article."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        PARTIAL = "partial", "Partial (inside narration)"
        FRAGMENT = "fragment", "Fragment (a few words)"
        INDIRECT = "indirect", "Indirect (reported speech)"

    class Status(models.TextChoices):
        EXTRACTED = "extracted", "Extracted (not yet reviewed)"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speaker_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        help_text="Who said it. Leave empty if an organisation said it or nobody is known.",
    )
    speaker_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        help_text="The organisation that said it, when no single person did.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DIRECT)
    verb = models.CharField(
        max_length=50, blank=True, help_text='The attribution verb, e.g. "said", "wrote".'
    )
    first_block = models.ForeignKey(
        Block,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The paragraph the quote starts in.",
    )
    last_block = models.ForeignKey(
        Block,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The paragraph the quote ends in.",
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order of the quote in the article."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.EXTRACTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # On PostgreSQL the database keeps this equal to to_tsvector('english', text)
    # (a trigger: see migration 0003), so search ranks quotes without recomputing
    # each one. Empty on SQLite, whose search reads ``text``.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["search_vector"],
        no_db_index=[
            "article",
            "speaker_person",
            "speaker_organisation",
            "first_block",
            "last_block",
            "status",
        ],
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "id"]
        # A plain index for the review queue's status filter; ``db_index`` would add
        # a second, pattern-matching one on PostgreSQL that no query uses. The
        # speakers' pages count and list the articles a speaker's visible quotes are
        # in: from these two alone, not thousands of quote rows (``articles.public``).
        indexes = [
            models.Index(fields=["status"], name="quote_status"),
            *(
                models.Index(
                    fields=[f"speaker_{speaker}", "article"],
                    condition=~Q(status="rejected"),
                    name=f"visible_quote_{speaker}",
                )
                for speaker in ("person", "organisation")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker_person__isnull=True) | Q(speaker_organisation__isnull=True),
                name="quote_single_speaker",
                violation_error_message="A quote has a person or an organisation as speaker, "
                "not both.",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"“{text}” ({self.speaker or 'unattributed'})"

    @property
    def speaker(self):
        return self.speaker_person or self.speaker_organisation


class Correction(models.Model):
    """A dated note appended to a published article when something was wrong."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(help_text="What was wrong and what is right now. Readers see this.")
    created_at = models.DateTimeField(default=timezone.now, help_text="The date readers see.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "created_at"]

    def __str__(self):
        return f"Correction to {self.article} ({self.created_at:%d %b %Y})"


class ArticleRender(models.Model):
    """The article page's HTML as last built, so a page the cache no longer holds is
    put together from one row instead of nine queries and a template.

    Written by ``articles.renders`` when a page is built (or by ``render_articles``);
    served only while it matches the article's ``updated_at`` and ``render_version``,
    the address it was built for and the templates and code of the running release;
    its related articles are worked out again past ``renders.RENDER_MAX_AGE``. Readers
    and editors never edit it; deleting rows is always safe (pages are built again).
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="render"
    )
    article_updated_at = models.DateTimeField()
    render_version = models.PositiveIntegerField()
    origin = models.CharField(max_length=255, help_text='e.g. "https://news.example.org".')
    # A digest of the templates and code that built it: a release that changes
    # them makes every stored page not current (``renders.layout_digest``).
    layout = models.CharField(max_length=64)
    # The whole page, cut where "Related coverage" goes: that list is put in
    # afresh each time, from the articles below that are published then.
    page_start = models.TextField()
    page_end = models.TextField()
    # Articles related to this one, best first; the page shows the first few of
    # them that are published when it is served.
    related_ids = models.JSONField(default=list)
    rendered_at = models.DateTimeField()

    def __str__(self):
        return f"Page of {self.article_id} ({self.rendered_at:%Y-%m-%d %H:%M})"


class ArticleEntry(models.Model):
    """How an article shows in one place of other pages, as last built: its entry in
    the home and tag pages' lists, or a speaker's group of its quotes on that
    person's or organisation's page. A listing page the cache no longer holds then
    reads twenty of these instead of running the templates of twenty articles.

    Kept by ``articles.entries``; current under the rules of ``ArticleRender`` but
    for any address (its links are relative). Readers and editors never edit it;
    deleting rows is always safe (entries are built again).
    """

    LIST = "list"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entries")
    # LIST, or "person:<id>" / "organisation:<id>" for that speaker's page.
    place = models.CharField(max_length=40)
    article_updated_at = models.DateTimeField()
    render_version = models.PositiveIntegerField()
    layout = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()
    # Empty for a speaker who is only mentioned: nothing to show, nothing to build again.
    html = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "place"], name="one_entry_per_place"),
        ]

    def __str__(self):
        return f"Entry of {self.article_id} in {self.place} ({self.rendered_at:%Y-%m-%d %H:%M})"


class SearchDocument(models.Model):
    """The searchable text of one article, kept by ``articles.search``; readers never edit it.

    The body lives in many ``Block`` rows, so the text is gathered here in one
    row per article: a plain copy that the SQLite fallback searches and that
    PostgreSQL highlights snippets from, and on PostgreSQL a weighted
    ``tsvector`` (headline over standfirst over body) behind a GIN index.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    def __str__(self):
        return f"Search text of {self.article_id}"
