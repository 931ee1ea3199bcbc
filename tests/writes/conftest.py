"""An app on a fresh database of each backend, an API key for it, and article texts."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import get_engine, session_factory
from app.keys import create_key
from app.main import create_app

ARTICLE = (
    '"We will restore discipline," Defense Secretary Pete Hegseth said on Monday. '
    "Mayor José Ibáñez criticised Hegseth's plan, calling it reckless. "
    '"The budget is frozen," Aisha Rahman told reporters.'
)
CLAIMS_IN_ARTICLE = 2
REACTIONS_IN_ARTICLE = 1


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a crash must come back as the 500 problem, as in production.
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def new_key(database_url: str, name: str) -> str:
    with session_factory(get_engine(database_url))() as session:
        return create_key(session, name)


@pytest.fixture
def api_key(database_url: str) -> str:
    return new_key(database_url, "test-writer")


@pytest.fixture
def auth(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}
