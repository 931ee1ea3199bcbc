"""A cheap token that changes whenever the database's data may have changed.

Used to keep cached answers only while nothing was committed since. PostgreSQL: the
current WAL position (any commit moves it). SQLite in WAL mode: the wal-index header in
the `-shm` file, whose change counter and last frame move with every commit, plus the
size and time of the database and `-wal` files. None means "unknown: do not cache".
"""

import os
from collections.abc import Hashable

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

# WalIndexHdr: iVersion, unused, iChange, isInit, bigEndCksum, szPage, mxFrame, nPage,
# aFrameCksum[2], aSalt[2], aCksum[2] = 48 bytes.
WAL_INDEX_HEADER = 48


def _file_state(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _wal_index_header(path: str) -> bytes | None:
    try:
        with open(path, "rb") as shm:
            return shm.read(WAL_INDEX_HEADER)
    except OSError:
        return None


def sqlite_version(database: str) -> Hashable | None:
    """The state of a SQLite database's files; None when it has no WAL index to read."""
    header = _wal_index_header(f"{database}-shm")
    if header is None:
        return None
    return header, _file_state(f"{database}-wal"), _file_state(database)


def postgresql_version(engine: Engine) -> Hashable | None:
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT pg_current_wal_lsn()")).scalar_one())
    except SQLAlchemyError:
        return None


def data_version(engine: Engine) -> Hashable | None:
    """Return a token equal between two calls only if no data was committed in between."""
    url = make_url(engine.url)
    if url.get_backend_name() == "postgresql":
        return postgresql_version(engine)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return sqlite_version(url.database)
    return None
