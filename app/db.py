"""Declarative base with a constraint naming convention, and engine/session factories.

Nothing here runs at import time: engines are built on demand and cached per URL.
"""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from app import querytime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Room for every thread that may hold a connection (Settings.worker_threads, 8 by default,
# plus streamed exports); connections are opened only when needed.
SERVER_THREADS = 40


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers keep reading while an ingest writes; busy_timeout waits out a
    # writer's lock instead of failing with "database is locked".
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


@lru_cache(maxsize=8)
def get_engine(url: str, pool_size: int = 10) -> Engine:
    engine = _create_engine(url, pool_size)
    querytime.install(engine)  # statements honour the API's per-request time limit
    return engine


def _create_engine(url: str, pool_size: int) -> Engine:
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # As many kept connections as threads that can use them at once: a smaller pool
        # opens and closes a connection, with its pragmas and a cold page cache, for
        # each request past it under load.
        size = max(pool_size, SERVER_THREADS)
        # LIFO: the connections used last, whose page caches are warm, serve next.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            pool_size=size,
            max_overflow=size,
            pool_use_lifo=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


@lru_cache(maxsize=8)
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def iter_session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session
