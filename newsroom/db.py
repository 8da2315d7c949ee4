"""Query helpers shared by the apps."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import Count, Field, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_subquery(rows: QuerySet, *, pointing_at: str) -> Coalesce:
    """An annotation counting ``rows`` whose ``pointing_at`` field is the outer row.

    ``Person.objects.annotate(quote_count=count_subquery(Quote.objects.all(),
    pointing_at="speaker_person"))`` counts in one correlated subquery per row
    of the page instead of one query per row, and unlike ``Count()`` over joins
    it stays right when filters or search add joins of their own.
    """
    counted = (
        rows.filter(**{pointing_at: OuterRef("pk")})
        .order_by()
        .values(pointing_at)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# Raw PostgreSQL connections -> names of the statements prepared on them. A new
# connection (a reconnect, CONN_MAX_AGE reached) is a new key with none.
_prepared: WeakKeyDictionary = WeakKeyDictionary()


def execute_prepared(cursor: CursorWrapper, *, name: str, sql: str, params: Sequence) -> None:
    """Run ``sql`` (``%s`` placeholders) with ``params``; on PostgreSQL as the server-side
    prepared statement ``name``, parsed and planned once per database connection.

    psycopg2 sends each query as text with its values written in, so PostgreSQL
    parses and plans it every time. A prepared statement is planned once; left to
    itself, PostgreSQL went on planning the article page's query for each value
    (a "custom plan", as it guessed the generic one dearer), so the settings start
    each session with ``plan_cache_mode=force_generic_plan``: the query's server
    time fell from 0.31 to 0.13 ms.

    A prepared statement lives as long as the session, so this needs the connection
    to itself: set ``DATABASE_PREPARED_STATEMENTS=0`` behind a pooler in transaction mode.
    """
    if not name.isidentifier():  # it is written into the SQL
        raise ValueError(f"a prepared statement's name must be an identifier, not {name!r}")
    if cursor.db.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    prepared = _prepared.setdefault(cursor.db.connection, set())
    if name not in prepared:
        cursor.execute(f"PREPARE {name} AS {numbered_placeholders(sql)}")
        prepared.add(name)
    cursor.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)


def numbered_placeholders(sql: str) -> str:
    """``sql`` with its ``%s`` placeholders numbered as PREPARE wants them ($1, $2…)."""
    pieces = sql.split("%s")
    if any("%" in piece for piece in pieces):
        raise ValueError("only %s placeholders can be numbered; the SQL holds another %")
    numbered = [pieces[0]]
    for number, piece in enumerate(pieces[1:], start=1):
        numbered += [f"${number}", piece]
    return "".join(numbered)


def instances(
    model: type[Model], fields: Sequence[Field], rows: Iterable[Sequence], *, using: str
) -> list:
    """``rows`` of ``fields``' columns, read with a plain cursor, as the ``model``
    instances the ORM would make of them: each value converted as the database's
    backend converts it (SQLite gives times as text), then ``from_db``."""
    connection = connections[using]
    known = _converters.setdefault(connection, {})
    key = (model, tuple(fields))
    if key not in known:
        compiler = model._base_manager.none().query.get_compiler(connection=connection)
        columns = [field.get_col(model._meta.db_table) for field in fields]
        known[key] = (compiler, compiler.get_converters(columns))
    compiler, converters = known[key]
    if converters:
        rows = compiler.apply_converters(rows, converters)
    names = [field.attname for field in fields]
    return [model.from_db(using, names, values) for values in rows]


def joined_instances(
    models: Sequence[type[Model]], rows: Sequence[Sequence], *, using: str
) -> list[tuple]:
    """``rows`` of several models' columns side by side (``{a:x}, {b:y}`` in SQL from
    ``sql_from_meta``, all of each model's fields) as a tuple of instances each, in
    ``models``' order: None where a model's columns are null (a LEFT JOIN that found
    nothing). The caller ties them together, as ``select_related`` would."""
    columns, start = [], 0
    for model in models:
        fields = concrete_fields(model)
        end = start + len(fields)
        present = [row[start:end] for row in rows if row[start] is not None]
        found = iter(instances(model, fields, present, using=using))
        columns.append([next(found) if row[start] is not None else None for row in rows])
        start = end
    return list(zip(*columns, strict=True))


# Each thread's connection (Django's wrapper) -> the compilers and converters
# ``instances`` worked out on it: the converters are the backend's, bound to it.
_converters: WeakKeyDictionary = WeakKeyDictionary()


def upsert(
    cursor: CursorWrapper,
    *,
    table: str,
    columns: Sequence[str],
    unique: Sequence[str],
    rows: Sequence,
    derived: bool = False,
) -> None:
    """Insert ``rows`` (tuples in ``columns``' order) into ``table``, replacing any row
    with the same values in the ``unique`` columns: one statement, on PostgreSQL and
    SQLite alike; ``derived`` rows (copies of other data) as ``unsynced`` says.

    Plain SQL because ``bulk_create(update_conflicts=True)`` wraps even one row in
    a transaction, and on SQLite its BEGIN and COMMIT are two more statements a
    page pays for. Names come from models' meta, never from input.
    """
    qn = cursor.db.ops.quote_name
    placeholders = f"({', '.join(['%s'] * len(columns))})"
    replaced = ", ".join(
        f"{qn(column)} = excluded.{qn(column)}" for column in columns if column not in unique
    )
    sql = (
        f"INSERT INTO {qn(table)} ({', '.join(map(qn, columns))}) "  # noqa: S608
        f"VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT ({', '.join(map(qn, unique))}) DO UPDATE SET {replaced}"
    )
    cursor.execute(unsynced(sql, cursor.db) if derived else sql, [v for row in rows for v in row])


UNSYNCED = "SET LOCAL synchronous_commit = off; "


def unsynced(sql: str, db: BaseDatabaseWrapper) -> str:
    """``sql``, a write of rows derived from others (stored pages, list entries), made
    to commit without waiting for PostgreSQL to flush its log to disk.

    A page served with nothing stored waited on that flush, with its worker idle
    (a fifth of two cores under wrk). A crash may lose the last moments of such
    writes, never the data they copy, nor the order of commits (the log is
    written in order): the next reader builds the page again. Sent with the
    statement, as one transaction of its own, so it costs no query; left out
    inside a transaction (an editor's save), which it would cover too.
    """
    if db.vendor != "postgresql" or db.in_atomic_block:
        return sql
    return UNSYNCED + sql


def on_postgresql(statements: Sequence[str]) -> Callable:
    """A ``RunPython`` function that runs ``statements`` on PostgreSQL and does nothing
    elsewhere: for migrations whose triggers, extensions and GIN indexes SQLite lacks,
    kept out of the model state so makemigrations stays clean on both databases."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


@lru_cache
def concrete_fields(model: type[Model]) -> tuple[Field, ...]:
    return tuple(model._meta.concrete_fields)


@dataclass(frozen=True)
class Table:
    """A model's table in SQL written from its meta (``sql_from_meta``): ``{name}``
    is the table, ``{name:alias}`` its columns (``fields``, else all) under ``alias``."""

    model: type[Model]
    quote_name: Callable[[str], str]
    fields: tuple[Field, ...] = ()

    def __format__(self, alias: str) -> str:
        if not alias:
            return self.quote_name(self.model._meta.db_table)
        fields = self.fields or concrete_fields(self.model)
        return ", ".join(f"{alias}.{self.quote_name(field.column)}" for field in fields)


def sql_from_meta(
    templates: Mapping[str, str],
    tables: Mapping[str, type[Model] | tuple[type[Model], Sequence[Field]]],
    *,
    using: str,
) -> dict[str, str]:
    """Each of ``templates`` with its ``{table}`` and ``{table:alias}`` written in for
    the database ``using``: only names from the models' own meta go into the SQL.
    ``tables`` give each name a model, or a model and the fields to read of it."""
    qn = connections[using].ops.quote_name
    written = {}
    for name, table in tables.items():
        model, fields = table if isinstance(table, tuple) else (table, ())
        written[name] = Table(model, qn, tuple(fields))
    return {name: sql.format(**written) for name, sql in templates.items()}
