"""Merging duplicate people or organisations into one survivor, losing nothing.

The importer creates a new person whenever a name matches nobody, so the same
councillor can arrive as "J. Smith" and "John Smith". A merge moves every
quote, mention, affiliation and alias to the survivor and keeps the other
names as the survivor's aliases, which is what the importer matches new text
against: the next import links those names to the survivor. The other pages'
addresses redirect to the survivor's.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models, transaction

from articles.ingest.names import normalize_name
from articles.models import Article, Quote

from .models import (
    Affiliation,
    NamedEntity,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
)


class MergeError(ValueError):
    """A merge that cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class EntityKind:
    """Where a person's or organisation's belongings live."""

    speaker_field: str  # on Quote
    article_field: str  # Article's many-to-many field of mentions
    owner_field: str  # the FK to the entity on aliases, mentions and affiliations
    alias_model: type[models.Model]
    counterpart_field: str  # the other side of an Affiliation
    fill_blank_fields: tuple[str, ...]  # the survivor's empty fields take the others' values

    @property
    def mentions(self) -> type[models.Model]:
        """The through model of Article's mentions of this kind."""
        return Article._meta.get_field(self.article_field).remote_field.through


KINDS = {
    Person: EntityKind(
        speaker_field="speaker_person",
        article_field="people",
        owner_field="person",
        alias_model=PersonAlias,
        counterpart_field="organisation",
        fill_blank_fields=("role", "biography"),
    ),
    Organisation: EntityKind(
        speaker_field="speaker_organisation",
        article_field="organisations",
        owner_field="organisation",
        alias_model=OrganisationAlias,
        counterpart_field="person",
        fill_blank_fields=("acronym", "description"),
    ),
}


@dataclass(frozen=True)
class Holdings:
    """What belongs to one entity: what a merge would move to the survivor."""

    quotes: int
    articles: int
    affiliations: int
    aliases: tuple[str, ...]


def holdings(entity: NamedEntity) -> Holdings:
    kind = KINDS[type(entity)]
    return Holdings(
        quotes=Quote.objects.filter(**{kind.speaker_field: entity}).count(),
        articles=kind.mentions.objects.filter(**{kind.owner_field: entity}).count(),
        affiliations=entity.affiliations.count(),
        aliases=tuple(entity.aliases.values_list("name", flat=True)),
    )


@dataclass
class MergeSummary:
    survivor: NamedEntity
    merged_names: list[str] = field(default_factory=list)
    quotes: int = 0
    mentions: int = 0
    affiliations: int = 0
    aliases: int = 0


@transaction.atomic
def merge_entities(*, survivor: NamedEntity, others: Sequence[NamedEntity]) -> MergeSummary:
    """Merge ``others`` into ``survivor`` (all people or all organisations) in one transaction.

    Duplicates collapse rather than fail: an article that mentioned both keeps
    one mention, a shared affiliation stays current if either was. Raises
    ``MergeError`` before changing anything when the request makes no sense.
    """
    kind = KINDS.get(type(survivor))
    others = [other for other in others if other.pk != survivor.pk]
    if kind is None or not others or any(type(o) is not type(survivor) for o in others):
        raise MergeError("Choose a survivor and at least one other record of the same kind.")
    summary = MergeSummary(survivor=survivor)
    for other in others:
        summary.quotes += _move_quotes(kind, other, survivor)
        summary.mentions += _move_mentions(kind, other, survivor)
        summary.affiliations += _move_affiliations(kind, other, survivor)
        summary.aliases += _move_aliases(kind, other, survivor)
        if isinstance(survivor, Organisation):
            _adopt_children(other, survivor)
        _fill_blanks(kind, other, survivor)
        _keep_addresses(other, survivor)
        _check_nothing_left(other)
        summary.merged_names.append(other.name)
        other.delete()
    survivor.save()
    for name in summary.merged_names:
        _add_alias(kind, survivor, name)
    return summary


def _move_quotes(kind: EntityKind, other: NamedEntity, survivor: NamedEntity) -> int:
    quotes = list(Quote.objects.filter(**{kind.speaker_field: other}))
    for quote in quotes:  # one by one, so each quote's history records the merge
        setattr(quote, kind.speaker_field, survivor)
        quote.save(update_fields=[kind.speaker_field, "updated_at"])
    return len(quotes)


def _move_mentions(kind: EntityKind, other: NamedEntity, survivor: NamedEntity) -> int:
    mentions = kind.mentions.objects.filter(**{kind.owner_field: other})
    already = kind.mentions.objects.filter(**{kind.owner_field: survivor}).values("article_id")
    mentions.filter(article_id__in=already).delete()
    return mentions.update(**{kind.owner_field: survivor})


def _move_affiliations(kind: EntityKind, other: NamedEntity, survivor: NamedEntity) -> int:
    moved = 0
    for affiliation in Affiliation.objects.filter(**{kind.owner_field: other}):
        twin = Affiliation.objects.filter(
            **{
                kind.owner_field: survivor,
                kind.counterpart_field: getattr(affiliation, kind.counterpart_field),
                "role": affiliation.role,
            }
        ).first()
        if twin is None:
            setattr(affiliation, kind.owner_field, survivor)
            affiliation.save()
            moved += 1
        else:
            if affiliation.is_current and not twin.is_current:
                twin.is_current = True
                twin.save(update_fields=["is_current"])
            affiliation.delete()
    return moved


def _move_aliases(kind: EntityKind, other: NamedEntity, survivor: NamedEntity) -> int:
    moved = 0
    for alias in kind.alias_model.objects.filter(**{kind.owner_field: other}):
        if _alias_taken(kind, survivor, alias.normalized):
            alias.delete()
            continue
        setattr(alias, kind.owner_field, survivor)
        alias.save()
        moved += 1
    return moved


def _alias_taken(kind: EntityKind, survivor: NamedEntity, normalized: str) -> bool:
    return (
        normalized == survivor.normalized_name
        or kind.alias_model.objects.filter(
            **{kind.owner_field: survivor, "normalized": normalized}
        ).exists()
    )


def _add_alias(kind: EntityKind, survivor: NamedEntity, name: str) -> None:
    if not _alias_taken(kind, survivor, normalize_name(name)):
        kind.alias_model.objects.create(name=name, **{kind.owner_field: survivor})


def _keep_addresses(other: NamedEntity, survivor: NamedEntity) -> None:
    """Links to the merged page, and to any page it had before, lead to the survivor."""
    other.former_slugs.update(**{other.former_slugs.field.name: survivor})
    survivor.keep_address(other.slug)


def _adopt_children(other: Organisation, survivor: Organisation) -> None:
    """Give ``other``'s child bodies to the survivor, never making it its own parent."""
    for child in Organisation.objects.filter(parent=other).exclude(pk=survivor.pk):
        child.parent = survivor
        child.save(update_fields=["parent", "updated_at"])
    if survivor.parent_id is None or survivor.parent_id == other.pk:
        survivor.parent = other.parent if other.parent_id != survivor.pk else None
        survivor.save(update_fields=["parent", "updated_at"])


def _fill_blanks(kind: EntityKind, other: NamedEntity, survivor: NamedEntity) -> None:
    for name in kind.fill_blank_fields:
        if not getattr(survivor, name) and getattr(other, name):
            setattr(survivor, name, getattr(other, name))
    if isinstance(survivor, Person) and not survivor.photo and other.photo:
        survivor.photo = other.photo
        survivor.photo_thumbnail = other.photo_thumbnail
        survivor.photo_medium = other.photo_medium


def _check_nothing_left(other: NamedEntity) -> None:
    """Refuse to delete ``other`` while anything still points at it.

    Deleting would cascade or null those rows silently; this catches a
    relation added to the models later and not yet handled by the merge.
    """
    for relation in other._meta.related_objects:
        if relation.on_delete is models.DO_NOTHING or relation.many_to_many:
            continue  # history rows keep the old id on purpose; m2m moved above
        related = relation.related_model._default_manager.filter(**{relation.field.name: other})
        if related.exists():
            raise MergeError(
                f"{other} still has {relation.related_model._meta.verbose_name_plural} "
                "that the merge does not know how to move; nothing was changed."
            )
