"""A time limit on each SQL statement run while serving a request.

SQLite has no statement timeout, so - as Datasette does - a progress handler, called every
few thousand virtual-machine steps, aborts the statement once its deadline has passed
(sqlite3 raises OperationalError "interrupted"). PostgreSQL has `statement_timeout`,
set with `set_config(..., is_local => true)` so it lasts for the current transaction
only and can never leak into another user of the pooled connection (it raises
QueryCanceled, SQLSTATE 57014).

The limit lives in a ContextVar that the API sets around each request
(`query_time_limit`), so `onrecord ingest` and any other caller of the same engine run
without one.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError

_limit_ms: ContextVar[int | None] = ContextVar("onrecord_query_time_limit_ms", default=None)
_APPLIED = "onrecord_query_time_limit_ms"  # key in the pooled connection's `info`
_SQLITE_STEPS = 1000  # VM instructions between two deadline checks
_PG_QUERY_CANCELED = "57014"


@contextmanager
def query_time_limit(ms: int | None) -> Iterator[None]:
    """Run the statements issued inside this block with at most `ms` each (None or 0: no limit)."""
    token = _limit_ms.set(ms or None)
    try:
        yield
    finally:
        _limit_ms.reset(token)


def current_limit_ms() -> int | None:
    return _limit_ms.get()


def install(engine: Engine) -> None:
    """Make `engine` honour `query_time_limit` (call once per engine)."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "before_cursor_execute", _sqlite_deadline)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _forget_pg_limit)
        event.listen(engine, "before_cursor_execute", _pg_statement_timeout)


def is_timeout(exc: DBAPIError) -> bool:
    """Was this error a statement stopped by its time limit?"""
    original = exc.orig
    if getattr(original, "sqlstate", None) == _PG_QUERY_CANCELED:
        return True
    return type(original).__name__ == "OperationalError" and str(original) == "interrupted"


def _sqlite_deadline(conn: Any, _cursor: Any, *_args: Any) -> None:
    limit_driver_connection(conn.connection)


def limit_driver_connection(pooled: Any) -> None:
    """Give the next statements on a pooled SQLite connection the current limit (or none).

    For statements run on the driver's connection directly (app.queries.prepared),
    which SQLAlchemy's before_cursor_execute event does not see.
    """
    limit = _limit_ms.get()
    driver = pooled.driver_connection
    if limit is None:
        if pooled.info.pop(_APPLIED, None):
            driver.set_progress_handler(None, 0)
        return
    deadline = time.monotonic() + limit / 1000
    # A non-zero return aborts the statement; rows fetched later keep the same deadline.
    driver.set_progress_handler(lambda: time.monotonic() > deadline, _SQLITE_STEPS)
    pooled.info[_APPLIED] = limit


def _forget_pg_limit(conn: Any) -> None:
    conn.info.pop(_APPLIED, None)  # a new transaction: the last one's local setting is gone


def _pg_statement_timeout(conn: Any, cursor: Any, *_args: Any) -> None:
    limit = _limit_ms.get() or 0
    if conn.info.get(_APPLIED, 0) == limit:
        return
    cursor.execute("SELECT set_config('statement_timeout', %s, true)", (f"{limit}ms",))
    conn.info[_APPLIED] = limit
