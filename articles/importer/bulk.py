"""Bulk writes that still leave a trail in django-simple-history.

``bulk_create`` and ``bulk_update`` send no ``post_save``, so simple-history
would not see them; its ``bulk_*_with_history`` helpers write the historical
rows in one more query, tagged with ``IMPORT_REASON`` so editors can tell an
import from their own edits in the admin history.
"""

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history, get_history_manager_for_model

IMPORT_REASON = "import"


def create_with_history(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert ``objs`` (pks filled in) and their "created" history rows: two queries.

    The history rows are copied from the rows just inserted by one
    ``INSERT … SELECT`` over the historical model's own fields, rather than by
    simple-history's ``bulk_history_create``, which builds a model instance per
    row in Python: that was half of an import's time (``make bench``'s
    profile). The rows are the ones simple-history would write.
    """
    if not objs:
        return
    with transaction.atomic(savepoint=False):
        created = model._default_manager.bulk_create(list(objs))
        copy_into_history(model, [obj.pk for obj in created])


@cache
def _historical_model(model: type[models.Model]) -> type[models.Model]:
    # Each ``Model.history`` access builds a new manager class: look it up once.
    return get_history_manager_for_model(model).model


def copy_into_history(model: type[models.Model], pks: Sequence[int]) -> None:
    """Write a "created" history row, tagged as an import, for each row of ``pks``."""
    historical = _historical_model(model)
    quote = connection.ops.quote_name
    tracked = [field.column for field in historical.tracked_fields]
    columns = [*tracked, "history_date", "history_change_reason", "history_type"]
    source, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for chunk in _chunks(pks, width=1, fixed=3):
        placeholders = ", ".join(["%s"] * len(chunk))
        # Only table and column names from the models go into the text, quoted;
        # every value is a parameter.
        sql = (
            f"INSERT INTO {quote(historical._meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
            f"SELECT {', '.join(map(quote, tracked))}, %s, %s, %s "
            f"FROM {source} WHERE {key} IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [now, IMPORT_REASON, "+", *chunk])


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    returning: Sequence[str] = (),
) -> list[tuple]:
    """INSERT ``rows`` (values for ``columns``, as the database takes them) into
    ``model``'s table; return the ``returning`` columns of every new row.

    ``bulk_create`` builds a model instance for each row and prepares each of
    its values through the field: for the fifty blocks and quotes of a new
    article that was half of an import's time (``make bench``). Here the
    caller gives plain values (ints, strings, None, adapted datetimes) and
    identifies each new row by what it returns (say its article and
    position), so nothing depends on the order of RETURNING's rows.
    """
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    row_placeholder = f"({', '.join(['%s'] * len(columns))})"
    keys = f" RETURNING {', '.join(map(quote, returning))}" if returning else ""
    returned = []
    for chunk in _chunks(rows, width=len(columns)):
        values = ", ".join([row_placeholder] * len(chunk))
        sql = f"INSERT INTO {table} ({names}) VALUES {values}{keys}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])
            returned += cursor.fetchall() if returning else []
    return returned


def _chunks(items: Sequence, *, width: int, fixed: int = 0):
    """``items`` in slices small enough for one statement's parameters (``width`` each)."""
    size = max(1, (_parameter_limit() - fixed) // width)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def update_with_history(
    model: type[models.Model], objs: Sequence[models.Model], fields: Iterable[str]
) -> None:
    """Save ``fields`` of ``objs`` and their "changed" history rows: two queries.

    ``updated_at`` is stamped here because ``bulk_update`` skips ``auto_now``.
    """
    if not objs:
        return
    fields = list(fields)
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        now = timezone.now()
        for obj in objs:
            obj.updated_at = now
        fields.append("updated_at")
    bulk_update_with_history(list(objs), model, fields, default_change_reason=IMPORT_REASON)


def delete_with_history(objs: Sequence[models.Model]) -> None:
    """Delete rows through the ORM so each gets its "deleted" history row.

    simple-history records deletions in ``post_delete``, one query per row;
    the importer reuses rows in place, so it only deletes what an article lost.
    A queryset delete cannot carry a change reason, so it is stamped after.
    """
    if not objs:
        return
    model = type(objs[0])
    pks = [obj.pk for obj in objs]
    model._default_manager.filter(pk__in=pks).delete()
    deleted = model.history.filter(id__in=pks, history_type="-", history_change_reason=None)
    deleted.update(history_change_reason=IMPORT_REASON)


def _parameter_limit() -> int:
    """How many parameters one statement may have on this connection."""
    if connection.vendor == "sqlite":
        # Django assumes 999, the limit of SQLite builds before 3.32 (2020);
        # this library's own limit is usually 32,766.
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return 65_535  # PostgreSQL's protocol limit


def _taken_slugs(model: type[models.Model], bases: Iterable[str]) -> set[str]:
    """The slugs of ``model``'s rows that begin with any of ``bases``.

    Asked in plain SQL: Django took about 0.1 ms a base to compile an OR of
    lookups, most of the query's time for a batch of a hundred articles. Each
    base is asked in a form the slug's index answers. PostgreSQL reads
    ``LIKE 'base%'`` through the pattern index Django gives a unique slug.
    SQLite's ``LIKE`` ignores case, so it cannot use an index and scanned every
    row once per base: an import slowed as the table grew. Its text sorts by
    bytes, so the same slugs are a range of the index instead.
    """
    column = connection.ops.quote_name(model._meta.get_field("slug").column)
    if connection.vendor == "sqlite":
        condition = f"({column} >= %s AND {column} < %s)"
        params = [[base, base + "\U0010ffff"] for base in bases]
    else:
        condition = f"{column} LIKE %s"
        params = [[connection.ops.prep_for_like_query(base) + "%"] for base in bases]
    taken = set()
    for chunk in _chunks(params, width=condition.count("%s")):
        # Only the table and column names from the model go into the text, quoted.
        sql = (
            f"SELECT {column} FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
            f"WHERE {' OR '.join([condition] * len(chunk))}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for values in chunk for value in values])
            taken.update(slug for (slug,) in cursor.fetchall())
    return taken


def unique_slugs(
    model: type[models.Model], texts: Sequence[str], *, make_slug: Callable[[str], str] = slugify
) -> list[str]:
    """Slugs for new rows of ``model``, unique among its rows and each other: one query
    (more only for thousands of texts)."""
    max_length = model._meta.get_field("slug").max_length
    fallback = model._meta.model_name
    bases = [(make_slug(text) or fallback)[: max_length - 8].strip("-") for text in texts]
    if not bases:
        return []
    taken = _taken_slugs(model, sorted(set(bases)))
    slugs = []
    for base in bases:
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
