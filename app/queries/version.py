"""A cheap token that changes whenever the database's data may have changed.

Used to keep cached answers only while nothing was committed since. PostgreSQL: the
current WAL position (any commit moves it). SQLite: `PRAGMA data_version` on a connection
kept for the purpose, which changes with every commit made by any other connection or
process. None means "unknown: do not cache".

Never open the database's own files (`-shm`, `-wal`) directly: closing any descriptor of
them drops every POSIX lock SQLite holds on them in this process, and concurrent writers
then corrupt the database ("database disk image is malformed").
"""

import sqlite3
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

# The version the response cache read at the start of the request being served, if any:
# other caches keyed on the version (speaker names) use it instead of reading their own.
_known: ContextVar[Hashable | None] = ContextVar("onrecord_data_version", default=None)
_watchers: dict[str, sqlite3.Connection] = {}
_watchers_lock = threading.Lock()
_MAX_WATCHERS = 8  # like get_engine's cache: a few databases per process, not one per test


def sqlite_version(database: str) -> Hashable | None:
    """`PRAGMA data_version` of `database`; None when it cannot be read (e.g. no such file)."""
    with _watchers_lock:
        try:
            watcher = _watchers.get(database)
            if watcher is None:
                if len(_watchers) >= _MAX_WATCHERS:
                    _watchers.pop(next(iter(_watchers))).close()
                uri = Path(database).resolve().as_uri() + "?mode=rw"  # never creates the file
                watcher = _watchers[database] = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return watcher.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None


def postgresql_version(engine: Engine) -> Hashable | None:
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT pg_current_wal_lsn()")).scalar_one())
    except SQLAlchemyError:
        return None


@contextmanager
def known_data_version(version: Hashable | None) -> Iterator[None]:
    """Within this block, `current_data_version` answers `version` without asking the database."""
    token = _known.set(version)
    try:
        yield
    finally:
        _known.reset(token)


def current_data_version(engine: Engine) -> Hashable | None:
    """The version read at the start of this request, else SQLite's (cheap); None on PostgreSQL.

    A version read before a lookup is safe to file the lookup's answer under: the answer
    can only be newer, and any commit since changes the version, so it is never served stale.
    """
    known = _known.get()
    if known is not None:
        return known
    return data_version(engine) if engine.dialect.name == "sqlite" else None


def data_version(engine: Engine) -> Hashable | None:
    """Return a token equal between two calls only if no data was committed in between."""
    url = make_url(engine.url)
    if url.get_backend_name() == "postgresql":
        return postgresql_version(engine)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return sqlite_version(url.database)
    return None
