"""Link parsed people and organisations to the authority file, or add candidates.

The database is the authority: a parsed name links to the row whose name or
alias (as editors curated, merged or an earlier import recorded them) has the
same ``normalize_name`` key. The rules are conservative, because a wrong link
attributes a quote to the wrong person, while a missing link only leaves a
candidate for editors to merge in admin:

* A person links only on a *full name* (a given name and a surname, titles
  aside). A bare surname ("Biggs") or a title and surname ("Mr Biggs") is
  recorded as an alias but never links on its own: two different Mr Smiths
  must not become one person.
* Organisation names, short forms ("the Met") and acronyms (the ``acronym``
  field or an alias) all link.
* The parsed full name is tried first, then the other linking forms.
* When a form matches several rows the importer does not guess: it links to
  none, creates nothing for that name, and warns, so an editor can merge the
  rows or add an alias. A quote by that speaker is stored with no speaker.
* An existing row is never renamed; newly seen forms become aliases and a
  blank role or acronym is filled in. The one exception is an organisation
  known only by its acronym ("CPS", from an article that never spelt it out):
  it takes the full name the first time an article gives one.

Each model is read with one query per article, whatever the number of names.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower

from articles.ingest import ParsedOrganisation, ParsedPerson
from articles.ingest.names import normalize_name
from articles.renders import forget_renders
from people.models import Organisation, OrganisationAlias, Person, PersonAlias

from .bulk import create_with_history, unique_slugs, update_with_history

# Words that stand before a surname and do not identify anyone by themselves.
PERSONAL_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "baroness", "cllr"}
    | {"councillor", "prof", "professor", "rev", "revd", "father", "judge"}
)


def is_full_name(name: str) -> bool:
    """True when ``name`` has a given name and a surname once titles are left out."""
    words = [word.strip(".") for word in normalize_name(name).split()]
    return len([word for word in words if word not in PERSONAL_TITLES]) >= 2


@dataclass
class Mention:
    """One parsed person or organisation and the row it resolves to."""

    parsed: ParsedPerson | ParsedOrganisation
    entity: Person | Organisation | None = None  # None when the name is ambiguous
    is_new: bool = False
    new_aliases: list[str] = field(default_factory=list)
    filled: tuple[str, ...] = ()  # blank fields of an existing row this mention fills
    ambiguous_with: tuple[str, ...] = ()


def row_key(row) -> int:
    """A row's primary key, or its object id while it is not saved yet (a batch's new rows)."""
    return row.pk if row.pk is not None else id(row)


@dataclass
class NameIndex:
    """Rows by name key: as read from the database, plus what resolving added since.

    ``by_key`` maps a name key to the rows it names ({row_key: row}); ``known``
    maps a row to the keys it has (its name, acronym and aliases) as far as
    they matter here. A batch of new articles shares one index, so an article
    links to the people an earlier article in the batch created, exactly as
    if that one had been imported first.
    """

    by_key: dict[str, dict[int, object]] = field(default_factory=dict)
    known: dict[int, set[str]] = field(default_factory=dict)

    def record(self, mentions: list[Mention]) -> None:
        """Index the rows ``mentions`` resolved to under every key they now have."""
        for mention in mentions:
            if mention.entity is not None:
                key = row_key(mention.entity)
                for name_key in self.known.get(key, ()):
                    self.by_key.setdefault(name_key, {})[key] = mention.entity


@dataclass(frozen=True)
class EntityKind:
    """What differs between resolving people and resolving organisations."""

    label: str  # "person" / "organisation", as in ParsedQuote.speaker_kind
    plural: str
    model: type[Person] | type[Organisation]
    alias_model: type[PersonAlias] | type[OrganisationAlias]
    alias_fk: str

    def forms(self, parsed) -> list[str]:
        """Every way the text names the entity: name first, then aliases and acronym."""
        extra = [parsed.acronym] if self.label == "organisation" and parsed.acronym else []
        return [parsed.name, *parsed.aliases, *extra]

    def links_on(self, form: str) -> bool:
        return self.label == "organisation" or is_full_name(form)

    def entity_keys(self, entity) -> set[str]:
        keys = {entity.normalized_name}
        if self.label == "organisation" and entity.acronym:
            keys.add(normalize_name(entity.acronym))
        return keys

    def find(self, keys: set[str]) -> "NameIndex":
        """Rows that any key names, and the keys each of them already has (two queries)."""
        rows = self.model._default_manager.all()
        if self.label == "organisation":
            rows = rows.annotate(acronym_key=Lower("acronym")).filter(
                Q(normalized_name__in=keys) | Q(acronym_key__in=keys)
            )
        else:
            rows = rows.filter(normalized_name__in=keys)
        aliases = self.alias_model._default_manager.filter(normalized__in=keys)
        index = NameIndex()
        for row in rows:
            index.known.setdefault(row.pk, set()).update(self.entity_keys(row))
            for key in self.entity_keys(row) & keys:
                index.by_key.setdefault(key, {})[row.pk] = row
        for alias in aliases.select_related(self.alias_fk):
            row = getattr(alias, self.alias_fk)
            index.known.setdefault(row.pk, self.entity_keys(row)).add(alias.normalized)
            index.by_key.setdefault(alias.normalized, {})[row.pk] = row
        return index

    def index_for(self, parsed_entities) -> "NameIndex":
        """The rows any form of ``parsed_entities`` names (two queries, none for no names)."""
        keys = {normalize_name(form) for parsed in parsed_entities for form in self.forms(parsed)}
        return self.find(keys) if keys else NameIndex()


PERSON = EntityKind("person", "people", Person, PersonAlias, "person")
ORGANISATION = EntityKind(
    "organisation", "organisations", Organisation, OrganisationAlias, "organisation"
)


def resolve(
    kind: EntityKind,
    parsed_entities,
    *,
    mentioned: frozenset[int] = frozenset(),
    index: NameIndex | None = None,
):
    """Decide for each parsed entity: link, new candidate, or ambiguous (no link).

    ``mentioned`` holds the rows the article already mentions (on re-import):
    a bare surname may link to one of those, since it is the same text.
    ``index`` is shared by a batch of articles (``EntityKind.index_for``);
    without one, the rows are read here.
    """
    if index is None:
        index = kind.index_for(parsed_entities)
    new_by_key: dict[str, object] = {}
    mentions = []
    for parsed in parsed_entities:
        mention = Mention(parsed=parsed)
        candidates = _candidates(kind, parsed, index.by_key, mentioned)
        if len(candidates) > 1:
            mention.ambiguous_with = tuple(sorted(row.name for row in candidates))
            mentions.append(mention)
            continue
        if candidates:
            mention.entity = candidates[0]
        else:
            mention.entity, mention.is_new = _new_entity(kind, parsed, new_by_key), True
        seen = index.known.setdefault(row_key(mention.entity), set())
        mention.filled = _fill_blank_fields(kind, mention.entity, parsed)
        seen.update(kind.entity_keys(mention.entity))
        mention.new_aliases = _unrecorded_forms(kind, parsed, seen)
        mentions.append(mention)
    index.record(mentions)
    return mentions


def _candidates(kind: EntityKind, parsed, by_key, mentioned: frozenset[int]) -> list:
    """Rows the parsed name links to: by its full name first, then by its other forms."""

    def rows_named(form: str) -> dict:
        rows = by_key.get(normalize_name(form), {})
        if kind.links_on(form):
            return rows
        return {pk: row for pk, row in rows.items() if pk in mentioned}

    name, *others = kind.forms(parsed)
    if by_name := rows_named(name):
        return list(by_name.values())
    found: dict[int, object] = {}
    for form in others:
        found.update(rows_named(form))
    return list(found.values())


def _new_entity(kind: EntityKind, parsed, new_by_key: dict[str, object]):
    """An unsaved row for a name nothing matched; one per name within the article."""
    key = normalize_name(parsed.name)
    if key not in new_by_key:
        new_by_key[key] = kind.model(name=parsed.name, normalized_name=key)
    return new_by_key[key]


def _fill_blank_fields(kind: EntityKind, entity, parsed) -> tuple[str, ...]:
    """Fill what the row leaves blank, never overwriting; return the fields filled."""
    if kind.label == "person":
        if not entity.role and parsed.role:
            entity.role = parsed.role
            return ("role",)
        return ()
    filled = []
    if _known_only_by_acronym(entity) and parsed.acronym == entity.acronym != parsed.name:
        entity.name, entity.normalized_name = parsed.name, normalize_name(parsed.name)
        filled += ["name", "normalized_name"]
    if not entity.acronym and parsed.acronym:
        entity.acronym = parsed.acronym
        filled.append("acronym")
    if entity.kind == Organisation.Kind.OTHER and parsed.kind != Organisation.Kind.OTHER:
        entity.kind = parsed.kind
        filled.append("kind")
    return tuple(filled)


def _known_only_by_acronym(entity) -> bool:
    return bool(entity.acronym) and entity.name == entity.acronym


def _unrecorded_forms(kind: EntityKind, parsed, seen: set[str]) -> list[str]:
    """Forms of the name the row does not have yet (they become aliases); marks them seen."""
    forms = []
    for form in kind.forms(parsed):
        key = normalize_name(form)
        if key and key not in seen:
            seen.add(key)
            forms.append(form)
    return forms


def save_mentions(kind: EntityKind, mentions: list[Mention]) -> None:
    """Insert new rows, new aliases and filled-in fields: a fixed number of queries."""
    new = list({id(m.entity): m.entity for m in mentions if m.is_new}.values())
    for entity, slug in zip(new, unique_slugs(kind.model, [e.name for e in new]), strict=True):
        entity.slug = slug
    create_with_history(kind.model, new)
    created = {id(entity) for entity in new}
    aliases = [
        kind.alias_model(name=form, normalized=normalize_name(form), **{kind.alias_fk: m.entity})
        for m in mentions
        for form in m.new_aliases
    ]
    create_with_history(kind.alias_model, aliases)
    # A row created just now already holds what a later article in its batch filled in.
    earlier = [m for m in mentions if m.filled and not m.is_new and id(m.entity) not in created]
    filled = {m.entity.pk: m.entity for m in earlier}
    fields = sorted({name for m in earlier for name in m.filled})
    update_with_history(kind.model, list(filled.values()), fields)
    # Stored article pages show speakers' roles and names; bulk updates send no signals.
    forget_renders(**{kind.plural: list(filled)})
