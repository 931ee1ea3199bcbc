"""Core statements compiled once and run as plain SQL.

For the few reads on the hottest path (app.queries.claims.bounded_page): running a Core
statement through a SQLAlchemy Connection costs 0.3-0.5 ms (cache key, compiled-cache
lookup, result processing), more than SQLite takes to answer it. A Prepared statement is
compiled once per dialect, with named bind parameters, and run as its SQL string, on a
DBAPI connection (`rows`) or through a SQLAlchemy Connection (`rows_via`); rows come back
without type processing (on SQLite dates stay ISO strings, which serialise to the same
JSON).
"""

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Dialect, Executable
from sqlalchemy.sql.compiler import Compiled


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...] | None  # the bind parameters in positional order; None: named
    defaults: Mapping[str, Any]  # values the statement itself carries (e.g. OFFSET 0)


def _sqlite_value(value: Any) -> Any:
    # sqlite3's own date adapter is deprecated; SQLite stores dates as ISO text.
    return value.isoformat() if isinstance(value, date) else value


class Prepared:
    """One statement, compiled on first use for each dialect."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compiled(self, dialect: Dialect) -> _Compiled:
        found = self._by_dialect.get(dialect.name)
        if found is None:
            with self._lock:
                compiled: Compiled = self.statement.compile(dialect=dialect)
                defaults = {name: bind.effective_value for name, bind in compiled.binds.items()}
                names = tuple(compiled.positiontup) if compiled.positiontup is not None else None
                found = _Compiled(compiled.string, names, defaults)
                self._by_dialect[dialect.name] = found
        return found

    def _parameters(self, dialect: Dialect, values: Mapping[str, Any]) -> tuple[str, Any]:
        compiled = self._compiled(dialect)
        merged = {**compiled.defaults, **values}
        if compiled.names is None:  # a named paramstyle (psycopg's %(name)s)
            return compiled.sql, merged
        convert = _sqlite_value if dialect.name == "sqlite" else _same
        return compiled.sql, tuple(convert(merged[name]) for name in compiled.names)

    def rows(self, connection: Any, dialect: Dialect, values: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        """Run with `values` for the named parameters on a DBAPI `connection`; all rows."""
        sql, parameters = self._parameters(dialect, values)
        cursor = connection.cursor()
        try:
            cursor.execute(sql, parameters)
            return cursor.fetchall()
        finally:
            cursor.close()

    def rows_via(self, connection: Connection, values: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        """The same through a SQLAlchemy Connection: its events (time limits) run and its
        errors are SQLAlchemy's, at a fraction of the cost of executing the Core statement."""
        sql, parameters = self._parameters(connection.dialect, values)
        return connection.exec_driver_sql(sql, parameters).all()


def _same(value: Any) -> Any:
    return value
