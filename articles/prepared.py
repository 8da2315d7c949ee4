"""Querysets compiled to SQL once per process, then run with new values.

Django builds and compiles a queryset's SQL each time it is evaluated. For
search, whose queries nest expressions a dozen deep, that Python work cost
more than PostgreSQL took to run them (`make bench`), and it is the same work
every time: the SQL of a search depends only on how many words it has.

A ``PreparedQuery`` builds its ``values()`` queryset once per shape, from
stand-ins for the values that change from call to call (the words searched,
the time now), and compiles it. Each call runs that SQL with the stand-ins
among its parameters replaced by the real values. A value must therefore
reach the parameters unchanged, and only there: an ``icontains`` lookup wraps
it in ``%…%``, ``extra()`` can write it into the SQL. Compiling checks that
every stand-in is found among the parameters as given and none in the SQL, and
refuses the queryset otherwise, so such a query fails the first time it runs,
not silently. (A list is a value per item: an ``__in`` list makes a placeholder
for each, so each length is a shape of its own.)

Given a ``statement`` name, a query also runs as a server-side prepared statement
(``newsroom.db.execute_prepared``), which PostgreSQL parses and plans once per
connection with a generic plan, made without the values: only for queries whose
best plan does not depend on them (the search's check of which organisations are
public: 0.3 ms instead of 1.1, planning having been most of it). A full-text
query's does: its generic plan cannot tell a word in every article from a rare one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

from newsroom.db import execute_prepared

# Stand-ins no real value equals: text between two private-use characters
# (the search strips those from what readers type), times in the year 1.
_TEXT_MARK = "\ue100"
_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


class NotPreparable(Exception):
    """A queryset whose SQL changes with its values, or that hides one of them."""


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]  # the compiled parameters: constants, and stand-ins
    # For each parameter, the index of the value (in ``_flatten`` order) that replaces
    # it, or None for a constant: worked out once, when compiling.
    sources: tuple[int | None, ...]
    names: tuple[str, ...]  # the keys of each row, as values() names them
    compiler: SQLCompiler  # for converting rows as Django would
    number: int  # this shape's place among the query's shapes, for its statement's name


class PreparedQuery:
    """``build(**values)`` (a ``values()`` queryset), compiled once per database
    and shape (each list value's length) and run by ``rows(**values)``; as the
    prepared statement ``statement`` (one per shape), if named."""

    def __init__(self, build: Callable[..., QuerySet], *, statement: str = ""):
        self.build = build
        self.statement = statement
        self._compiled: dict[tuple, _Compiled] = {}

    def rows(self, *, using: str = "default", **values: Any) -> list[dict[str, Any]]:
        """The rows ``build(**values)`` would return, as ``values()`` dicts."""
        if connections[using].vendor != "postgresql":
            # SQLite's backend turns times into text before they reach the
            # parameters; it serves development and tests, not readers.
            return list(self.build(**values).using(using))
        compiled, params = self._filled_in(using, values)
        with connections[using].cursor() as cursor:
            if self.statement:
                name = f"{self.statement}_{compiled.number}"
                execute_prepared(cursor, name=name, sql=compiled.sql, params=params)
            else:
                cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        converted = compiled.compiler.results_iter(results=[fetched])
        return [dict(zip(compiled.names, row, strict=True)) for row in converted]

    def sql(self, *, using: str = "default", **values: Any) -> tuple[str, list[Any]]:
        """The SQL and parameters of ``build(**values)``, to put into a larger statement."""
        if connections[using].vendor != "postgresql":
            return self.build(**values).query.sql_with_params()
        compiled, params = self._filled_in(using, values)
        return compiled.sql, params

    def _filled_in(self, using: str, values: dict[str, Any]) -> tuple[_Compiled, list[Any]]:
        """This shape's compiled query, and its parameters with ``values`` put in."""
        shape = tuple(
            (name, len(value) if isinstance(value, list) else None)
            for name, value in sorted(values.items())
        )
        compiled = self._compiled.get((using, shape))
        if compiled is None:
            compiled = self._compiled[using, shape] = self._compile(using, values)
        flat = _flatten(values)
        params = [
            param if source is None else flat[source]
            for param, source in zip(compiled.params, compiled.sources, strict=True)
        ]
        return compiled, params

    def _compile(self, using: str, values: dict[str, Any]) -> _Compiled:
        stand_ins = _stand_ins(values)
        rebuilt = iter(stand_ins)
        examples = {
            name: [next(rebuilt) for _ in value] if isinstance(value, list) else next(rebuilt)
            for name, value in sorted(values.items())
        }
        query = self.build(**examples).query
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        missing = [stand_in for stand_in in stand_ins if stand_in not in params]
        if missing or _TEXT_MARK in sql:  # a value written into the SQL would stay a stand-in
            name = getattr(self.build, "__qualname__", repr(self.build))
            raise NotPreparable(f"{name}: its values do not reach the SQL as given")
        index_of = {stand_in: index for index, stand_in in enumerate(stand_ins)}
        sources = tuple(
            index_of.get(param) if isinstance(param, str | datetime) else None for param in params
        )
        # As ValuesIterable names the columns of a values() row.
        names = tuple(query.selected or ())
        names = names or (*query.extra_select, *query.values_select, *query.annotation_select)
        return _Compiled(sql, tuple(params), sources, names, compiler, len(self._compiled))


def _flatten(values: dict[str, Any]) -> list[Any]:
    """The values in a fixed order: by name, a list's items in turn."""
    flat = []
    for _name, value in sorted(values.items()):
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _stand_ins(values: dict[str, Any]) -> list[Any]:
    """A distinct stand-in of the same type for each of ``_flatten(values)``."""
    stand_ins = []
    for number, value in enumerate(_flatten(values)):
        if isinstance(value, str):
            stand_ins.append(f"{_TEXT_MARK}{number}{_TEXT_MARK}")
        elif isinstance(value, datetime):
            stand_ins.append(_EPOCH + timedelta(microseconds=number))
        else:
            raise NotPreparable(f"no stand-in for a {type(value).__name__} value")
    return stand_ins
