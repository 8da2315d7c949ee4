"""The passes that fill an ``Entities`` registry from an article's runs.

1. read every run (``pieces.read_run``) and register names, organisations and
   the evidence around them;
2. make people of the names with evidence;
3. resolve "Mr Rahman"-style references, acronyms and one-word short forms
   ("Rahman", "Met") against what step 2 found;
4. merge organisations written in short ("Met Police") into their full name;
5. list the mentions (with he/she pronouns) in reading order and infer genders.
"""

import re
from dataclasses import dataclass, field
from typing import Final

from . import context
from .entities import (
    STRONG_EVIDENCE,
    Article,
    Entities,
    Entity,
    Mention,
    initials,
)
from .lexicon import (
    FIRST_NAME_HONORIFICS,
    FUNCTION_WORDS,
    HONORIFICS_FEMALE,
    HONORIFICS_MALE,
    NOT_ORGANISATION_ACRONYMS,
    POSSESSIVE_FEMALE,
    POSSESSIVE_MALE,
    ROLE_NOUNS,
    SUBJECT_PRONOUNS,
)
from .names import normalize_name
from .pieces import Piece, organisation_head, read_run
from .tokens import PARTICLES, Token, sentence_of

# Honorifics that are also offices: "Judge Michael Thornton" is a judge.
OFFICE_HONORIFICS: Final = {
    "judge": "Judge",
    "justice": "Justice",
    "cllr": "Councillor",
    "councillor": "Councillor",
    "rev": "Reverend",
    "reverend": "Reverend",
}
_ACRONYM_DEFINITION: Final = re.compile(r"^\s*\(([A-Z][A-Za-z&]{1,9})\)")
_PLACE_PREPOSITION: Final = re.compile(
    r"\b(?:in|of|at|from|across|around|near|throughout)(?: the)?\s*$"
)


@dataclass
class Pending:
    """References that can only be resolved once every full name is known."""

    surnames: list[tuple[int, Piece]] = field(default_factory=list)
    acronyms: list[tuple[int, Piece]] = field(default_factory=list)
    singles: list[tuple[int, Piece]] = field(default_factory=list)


def recognise_entities(article: Article) -> Entities:
    entities = Entities(article)
    pending = Pending()
    known = _known_names(article)
    for block, runs in enumerate(article.runs):
        starts, text = article.sentences[block], article.paragraphs[block]
        for run in runs:
            _, sentence = sentence_of(starts, run.start)
            opening = not text[sentence : run.start].strip(" “\"‘'([")
            piece = read_run(
                run, common_words=article.common_words, sentence_start=opening, known_names=known
            )
            if piece is not None:
                _register(entities, pending, piece, block)
    _make_people(entities, pending)
    _resolve_surnames(entities, pending.surnames)
    _resolve_acronyms(entities, pending.acronyms)
    _resolve_singles(entities, pending.singles)
    _merge_short_forms(entities)
    _finalise_mentions(entities)
    _infer_genders(entities)
    return entities


def _known_names(article: Article) -> set[tuple[str, str]]:
    """(first, last) of every plain two- or three-word capitalised run."""
    known = set()
    for runs in article.runs:
        for run in runs:
            tokens = run.tokens
            if 2 <= len(tokens) <= 3 and all(t.capitalised for t in tokens):
                known.add((tokens[0].lower, tokens[-1].lower))
    return known


def _register(entities: Entities, pending: Pending, piece: Piece, block: int) -> None:
    text = entities.article.paragraphs[block]
    if piece.kind == "name":
        _register_name(entities, piece, block, text)
    elif piece.kind == "organisation":
        _register_organisation(entities, piece.words, block, piece.start, piece.end)
    elif piece.kind == "surname":
        pending.surnames.append((block, piece))
    elif piece.kind == "acronym":
        pending.acronyms.append((block, piece))
    elif piece.kind == "single":
        pending.singles.append((block, piece))
        if piece.words[0].lower() not in entities.article.common_words:
            _count_place(entities, piece.text, block, piece.start)
    elif piece.kind in {"place", "other"}:
        _count_place(entities, piece.text, block, piece.start)
    if piece.place:
        place_words = tuple(t.base for t in piece.place)
        if organisation_head(piece.place):
            start, end = piece.place[0].start, piece.place[-1].end
            _register_organisation(entities, place_words, block, start, end)
        else:
            _count_place(entities, " ".join(place_words), block, piece.place[0].start, True)


def _count_place(entities: Entities, name: str, block: int, start: int, sure=False) -> None:
    text = entities.article.paragraphs[block]
    if sure or _PLACE_PREPOSITION.search(text[max(0, start - 24) : start]):
        entities.places[name] += 1


def _register_name(entities: Entities, piece: Piece, block: int, text: str) -> None:
    entity = entities.add_candidate(piece, block, text[piece.start : piece.end])
    roles = [
        piece.role,
        context.role_before(text, piece.start),
        context.role_after(text, piece.end),
    ]
    if piece.honorific:
        entity.evidence.add("honorific")
        _add_honorific_gender(entity, piece.honorific)
        if piece.honorific.lower() in OFFICE_HONORIFICS:
            roles.append(OFFICE_HONORIFICS[piece.honorific.lower()])
    if any(roles):
        entity.evidence.add("role")
    if context.has_age_after(text, piece.end):
        entity.evidence.add("age")
    if context.has_relative_who(text, piece.start, piece.end):
        entity.evidence.add("who")
    if context.speech_verb_next_to(text, piece.start, piece.end):
        entity.evidence.add("speech")
    if entities.article.short_lines[block]:
        caption = context.caption_role(text, piece.start, piece.end)
        if caption is not None and (caption == "" or _names_a_role(caption)):
            entity.evidence.add("caption")
            roles.insert(0, caption)
    role = next((r for r in roles if _names_a_role(r)), "")
    if role and not entity.role:
        entity.role = context.tidy_role(role)
    if not any(roles) and piece.place or not entity.evidence:
        _count_place(entities, piece.text, block, piece.start)


def _names_a_role(role: str) -> bool:
    return any(
        w.lower().strip("’'s") in ROLE_NOUNS or w.lower() in ROLE_NOUNS for w in role.split()
    )


def _add_honorific_gender(entity: Entity, honorific: str) -> None:
    word = honorific.lower().rstrip(".")
    if word in HONORIFICS_MALE:
        entity.genders.add("male")
    elif word in HONORIFICS_FEMALE:
        entity.genders.add("female")


def _register_organisation(
    entities: Entities, words: tuple[str, ...], block: int, start: int, end: int
) -> Entity:
    text = entities.article.paragraphs[block]
    entity = entities.add_organisation(words, text[start:end], block, start, end)
    definition = _ACRONYM_DEFINITION.match(text[end : end + 16].lstrip("’'s"))
    if definition and definition.group(1)[0] == initials(words)[:1]:
        entity.acronym = definition.group(1)
        entity.add_alias(definition.group(1))
    return entity


def _make_people(entities: Entities, pending: Pending) -> None:
    common = entities.article.common_words
    referenced = {normalize_name(piece.words[0]) for _, piece in pending.surnames}
    referenced |= {  # "Mackenzie added": a bare surname points back to a full name
        normalize_name(piece.words[0])
        for _, piece in pending.singles
        if piece.words[0].lower() not in common
    }
    first_names = _first_names_in_person_context(entities, pending.singles)
    for key, candidate in list(entities.candidates.items()):
        if candidate.surname in referenced:
            candidate.evidence.add("surname reference")
        if len(candidate.words) > 1 and normalize_name(candidate.words[0]) in first_names:
            candidate.evidence.add("surname reference")  # "Brenda, who has worked…"
        if candidate.evidence & STRONG_EVIDENCE:
            entities.promote(key, "strong")
        elif candidate.evidence and not any(
            w.lower() in common for w in candidate.words if w.lower() not in PARTICLES
        ):
            entities.promote(key, "weak")  # a caption or "said" alone: only for name-like words


def _first_names_in_person_context(
    entities: Entities, singles: list[tuple[int, Piece]]
) -> set[str]:
    """One-word names used the way people are: "Declan, 47, said", "Doreen, who…"."""
    found = set()
    for block, piece in singles:
        text = entities.article.paragraphs[block]
        if (
            context.speech_verb_next_to(text, piece.start, piece.end)
            or context.has_age_after(text, piece.end)
            or context.has_relative_who(text, piece.start, piece.end)
        ):
            found.add(normalize_name(piece.words[0]))
    return found


def _resolve_surnames(entities: Entities, surnames: list[tuple[int, Piece]]) -> None:
    for block, piece in surnames:
        surname = piece.words[0]
        gender = "male" if piece.honorific.lower() in HONORIFICS_MALE else None
        if piece.honorific.lower() in HONORIFICS_FEMALE:
            gender = "female"
        wanted = normalize_name(surname)
        found = [p for p in entities.people.values() if p.surname == wanted]
        if not found and piece.honorific.lower() in FIRST_NAME_HONORIFICS:
            found = [  # "Sir Mark" after "Sir Mark Rowley": a knight's first name
                p
                for p in entities.people.values()
                if len(p.words) > 1 and normalize_name(p.words[0]) == wanted
            ]
        if len(found) > 1 and gender:
            found = [p for p in found if p.gender in (gender, None)]
        if len(found) > 1:  # two people share the surname: do not guess, but note
            mention = Mention(block, piece.start, piece.end, "ambiguous", normalize_name(surname))
            entities.mentions.append(mention)  # that someone is being talked about
            continue
        title = piece.honorific or (piece.role.split()[-1] if piece.role else "")
        label = f"{title} {surname}".strip()
        if found:
            person = found[0]
            person.add_alias(label)
        else:
            person = entities._entity(
                entities.people, normalize_name(label), "person", block, piece.start
            )
            person.names[label] += 1
            person.words = (surname,)
            person.evidence.add("honorific")
            if piece.role and not person.role:
                person.role = context.tidy_role(piece.role)
        if piece.honorific:
            _add_honorific_gender(person, piece.honorific)
        entities.mentions.append(Mention(block, piece.start, piece.end, "person", person.key))


def _resolve_acronyms(entities: Entities, acronyms: list[tuple[int, Piece]]) -> None:
    for block, piece in acronyms:
        acronym = piece.words[0]
        if acronym.upper() in NOT_ORGANISATION_ACRONYMS or context.is_role_word(acronym):
            continue  # "UK", "TV"; and roles: "a GP", "the MP"
        if _tabloid_capitals(entities, block, piece):
            continue
        orgs = entities.organisations.values()
        found = [o for o in orgs if o.acronym == acronym]
        found = found or [o for o in orgs if len(o.words) > 1 and initials(o.words) == acronym]
        if len(found) == 1:
            org = found[0]
            org.acronym = org.acronym or acronym
            org.add_alias(acronym)
            entities.mentions.append(
                Mention(block, piece.start, piece.end, "organisation", org.key)
            )
        elif not found:
            _register_organisation(
                entities, (acronym,), block, piece.start, piece.end
            ).acronym = acronym


def _tabloid_capitals(entities: Entities, block: int, piece: Piece) -> bool:
    """ "A DINNER lady who…": a long word in capitals opening the article is emphasis."""
    opening = entities.article.tokens[block][:3]
    return block == 0 and len(piece.words[0]) >= 4 and piece.tokens[0] in opening


def _resolve_singles(entities: Entities, singles: list[tuple[int, Piece]]) -> None:
    common = entities.article.common_words
    for block, piece in singles:
        word = piece.words[0]
        text = entities.article.paragraphs[block]
        person = None
        if word.lower() not in common:
            person = entities.by_surname(word) or entities.by_first_name(word)
        if person is not None:
            person.add_alias(word)
            entities.mentions.append(Mention(block, piece.start, piece.end, "person", person.key))
            continue
        org = _short_form_of(entities, (word,))
        if org is not None:
            the = text[max(0, piece.start - 4) : piece.start].lower() == "the "
            org.add_alias(f"the {word}" if the else word)
            entities.mentions.append(
                Mention(block, piece.start, piece.end, "organisation", org.key)
            )


def _is_short_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """ "Met Police" of "Metropolitan Police": each word a prefix, at least one shorter."""
    if len(short) != len(full) and len(short) != 1:
        return False
    pairs = list(zip(short, full, strict=False))
    return all(f.startswith(s) for s, f in pairs) and any(
        len(s) >= 3 and len(s) < len(f) for s, f in pairs
    )


def _short_form_of(entities: Entities, words: tuple[str, ...]) -> Entity | None:
    found = [
        org
        for org in entities.organisations.values()
        # The cheap test first: this runs for every pair of names in the article.
        if org.words[0].startswith(words[0])
        and org.words != words
        and _is_short_form(words, org.words)
    ]
    return found[0] if len(found) == 1 else None


def _merge_short_forms(entities: Entities) -> None:
    for key, org in list(entities.organisations.items()):
        target = _short_form_of(entities, org.words) if len(org.words) > 1 else None
        if target is None or target.key == key:
            continue
        for name in org.names:
            target.add_alias(name)
        target.acronym = target.acronym or org.acronym
        for alias in org.aliases:
            target.add_alias(alias)
        del entities.organisations[key]
        entities.mentions = [
            Mention(m.block, m.start, m.end, m.kind, target.key) if m.key == key else m
            for m in entities.mentions
        ]


def _finalise_mentions(entities: Entities) -> None:
    article = entities.article
    final = []
    for m in entities.mentions:
        kind = "person" if m.kind == "candidate" and m.key in entities.people else m.kind
        in_quote = article.in_quote(m.block, m.start)
        if (kind, in_quote) == (m.kind, m.in_quote):
            final.append(m)  # mentions are immutable: one that does not change is kept
        else:
            final.append(Mention(m.block, m.start, m.end, kind, m.key, in_quote))
    for block, tokens in enumerate(article.tokens):
        for token in tokens:
            if token.lower in SUBJECT_PRONOUNS:
                in_quote = article.in_quote(block, token.start)
                gender = SUBJECT_PRONOUNS[token.lower]
                final.append(Mention(block, token.start, token.end, "pronoun", gender, in_quote))
    entities.mentions = sorted(final, key=lambda m: (m.block, m.start))


def _infer_genders(entities: Entities) -> None:
    """A sentence about one person that says "his" or "her powers" tells their gender."""
    article = entities.article
    for block, text in enumerate(article.paragraphs):
        named = [
            m
            for m in entities.mentions_between(block, 0, len(text))
            if m.kind == "person" and not m.in_quote
        ]
        if not named:
            continue  # most paragraphs name nobody: no need to read their sentences
        starts = article.sentences[block] + [len(text)]
        for start, end in zip(starts, starts[1:], strict=False):
            people = {m.key for m in named if start <= m.start < end}
            if len(people) != 1:
                continue
            person = entities.people[people.pop()]
            if person.genders:
                continue
            words = article.unquoted_tokens_between(block, start, end)
            male = any(t.lower in POSSESSIVE_MALE for t in words)
            female = any(
                t.lower in POSSESSIVE_FEMALE and _before_noun(words, i) for i, t in enumerate(words)
            )
            if male != female:
                person.genders.add("male" if male else "female")


def _before_noun(words: list[Token], index: int) -> bool:
    """ "her powers" (possessive), not "told her" (object): a content word follows."""
    if words[index].lower != "her":
        return True
    following = words[index + 1] if index + 1 < len(words) else None
    return following is not None and following.lower not in FUNCTION_WORDS
