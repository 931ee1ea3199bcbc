"""Shared fixtures: each test gets its own real database, SQLite file or PostgreSQL.

`database_url` is parametrised over both backends. PostgreSQL tests use the server at
ONRECORD_TEST_PG (default 127.0.0.1:5432, database `test`) inside a fresh schema per
test; without a server they are skipped, except under CI=true where that is a failure.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from app.db import get_engine, session_factory
from app.migrate import upgrade

PG_URL = os.environ.get("ONRECORD_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _pg_available() -> str | None:
    """Return None when the PostgreSQL test server answers, else the reason it does not."""
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "no server here"
        return f"PostgreSQL not reachable at {PG_URL}: {type(exc).__name__}"


@pytest.fixture(scope="session")
def pg_unavailable_reason() -> str | None:
    return _pg_available()


def _require_pg(reason: str | None) -> None:
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true needs PostgreSQL: {reason}")
    pytest.skip(reason)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path: Path, pg_unavailable_reason) -> Iterator[str]:
    """A URL to an empty, migrated database of each backend, dropped after the test."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        upgrade(get_engine(url))
        yield url
        get_engine(url).dispose()
        return
    _require_pg(pg_unavailable_reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # libpq `options` sets search_path for every pooled connection of this URL.
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    upgrade(get_engine(url))
    yield url
    get_engine(url).dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A migrated SQLite file only, for tests about SQLite itself."""
    url = f"sqlite:///{tmp_path / 'test.db'}"
    upgrade(get_engine(url))
    return url


@pytest.fixture
def engine(database_url: str) -> Engine:
    return get_engine(database_url)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as s:
        yield s
