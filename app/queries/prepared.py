"""Core statements compiled once and run straight on the driver's connection.

For the few reads on the hottest path (app.queries.claims.bounded_claims_page): running
a Core statement through a SQLAlchemy Connection costs 0.3-0.5 ms (cache key, execution
context, result processing), more than SQLite takes to answer it. A Prepared statement
is compiled once per dialect, with named bind parameters, and executed by the DBAPI
cursor with values in the compiled order; rows come back as the driver's plain tuples
(on SQLite dates stay ISO strings, which serialise to the same JSON).
"""

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Dialect, Executable
from sqlalchemy.sql.compiler import Compiled


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the bind parameters in positional order
    defaults: Mapping[str, Any]  # values the statement itself carries (e.g. OFFSET 0)


def _driver_value(value: Any) -> Any:
    # sqlite3's own date adapter is deprecated; SQLite stores dates as ISO text.
    return value.isoformat() if isinstance(value, date) else value


class Prepared:
    """One statement, compiled on first use for each dialect; positional-parameter drivers only."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compiled(self, dialect: Dialect) -> _Compiled:
        found = self._by_dialect.get(dialect.name)
        if found is None:
            with self._lock:
                compiled: Compiled = self.statement.compile(dialect=dialect)
                if compiled.positiontup is None:
                    raise TypeError(f"{dialect.name} does not take positional parameters")
                defaults = {name: bind.effective_value for name, bind in compiled.binds.items()}
                found = _Compiled(compiled.string, tuple(compiled.positiontup), defaults)
                self._by_dialect[dialect.name] = found
        return found

    def rows(self, connection: Any, dialect: Dialect, values: Mapping[str, Any]) -> Sequence[tuple[Any, ...]]:
        """Run with `values` for the named parameters on a DBAPI `connection`; all rows."""
        compiled = self._compiled(dialect)
        defaults = compiled.defaults
        params = tuple(
            _driver_value(values[name] if name in values else defaults[name]) for name in compiled.names
        )
        cursor = connection.cursor()
        try:
            cursor.execute(compiled.sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()
