"""People and organisations that articles mention and quote.

The database is the authority file: the importer links names in new text to
the rows (and their aliases) that editors have curated here, and only adds new
candidates when nothing matches.
"""

from django.db import models
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from articles.ingest.names import normalize_name
from newsroom.links import slug_url


def unique_slug(model: type[models.Model], text: str, *, exclude_pk=None) -> str:
    """Slugify ``text`` and add -2, -3… until no other row of ``model`` uses it."""
    max_length = model._meta.get_field("slug").max_length
    base = (slugify(text) or model._meta.model_name)[: max_length - 8].strip("-")
    slugs = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        slugs = slugs.exclude(pk=exclude_pk)
    taken = set(slugs.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class NamedEntity(models.Model):
    """What people and organisations share: a name, a slug and a lookup key."""

    name = models.CharField(max_length=200, help_text="The full name readers see.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="The last part of the page address. Left blank, it is made from the name.",
    )
    normalized_name = models.CharField(max_length=200, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)
        loaded, self._loaded_slug = getattr(self, "_loaded_slug", None), self.slug
        if loaded and loaded != self.slug:
            self.keep_address(loaded)
            self.former_slugs.filter(slug=self.slug).delete()  # back at an old address

    def keep_address(self, slug: str) -> None:
        """Redirect ``slug``, a page address that is going away, to this entity's page."""
        former = self.former_slugs
        former.model.objects.update_or_create(slug=slug, defaults={former.field.name: self})

    @classmethod
    def from_db(cls, db, field_names, values):
        # Remember the slug as loaded, so a save that changes it can keep the old
        # address working without reading the row again (Django's documented hook).
        instance = super().from_db(db, field_names, values)
        instance._loaded_slug = instance.__dict__.get("slug")
        return instance


class Organisation(NamedEntity):
    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        COURT = "court", "Court"
        GOVERNMENT = "government", "Government"
        REGULATOR = "regulator", "Regulator"
        PARTY = "party", "Political party"
        MEDIA = "media", "Media"
        OTHER = "other", "Other"

    acronym = models.CharField(
        max_length=20, blank=True, help_text='Short form in capitals, e.g. "CPS".'
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The body this one is part of, e.g. a committee's assembly.",
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta(NamedEntity.Meta):
        pass

    def get_absolute_url(self):
        return slug_url("people:organisation_detail", self.slug)


class Person(NamedEntity):
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text='Short description shown beside the name, e.g. "Mayor of Tower Hamlets".',
    )
    biography = models.TextField(blank=True)
    photo = models.ImageField(upload_to="people/originals/", blank=True)
    photo_thumbnail = models.ImageField(upload_to="people/thumbnails/", blank=True, editable=False)
    photo_medium = models.ImageField(upload_to="people/medium/", blank=True, editable=False)
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="members", blank=True
    )
    history = HistoricalRecords()

    class Meta(NamedEntity.Meta):
        verbose_name_plural = "people"

    def get_absolute_url(self):
        return slug_url("people:person_detail", self.slug)


class Alias(models.Model):
    """Another way articles refer to an entity; ``normalized`` is the lookup key."""

    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class PersonAlias(Alias):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "normalized"], name="unique_alias_per_person")
        ]


class OrganisationAlias(Alias):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    history = HistoricalRecords()

    class Meta(Alias.Meta):
        verbose_name_plural = "organisation aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "normalized"], name="unique_alias_per_organisation"
            )
        ]


class FormerSlug(models.Model):
    """An address a page had before a merge or a new slug: it now redirects there."""

    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["slug"]

    def __str__(self):
        return self.slug


class PersonFormerSlug(FormerSlug):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="former_slugs")


class OrganisationFormerSlug(FormerSlug):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="former_slugs"
    )


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(max_length=200, blank=True, help_text='e.g. "Chairman".')
    is_current = models.BooleanField(
        default=True, help_text="Untick when the person no longer holds this role."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_current", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="unique_affiliation"
            )
        ]

    def __str__(self):
        role = f"{self.role}, " if self.role else ""
        return f"{self.person}: {role}{self.organisation}"
