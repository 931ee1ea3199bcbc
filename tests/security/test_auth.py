"""API keys: writes need one, reads only when READ_REQUIRES_KEY; 401 vs 403; hashes only."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import get_engine, session_factory
from app.keys import KeyStatus, check_key, hash_key, revoke_key
from app.main import create_app
from app.models import ApiKey, Document
from tests.writes.conftest import ARTICLE, new_key

BAD_AUTHORIZATION = {
    "missing": {},
    "unknown key": {"Authorization": "Bearer onr_not-a-key"},
    "empty bearer": {"Authorization": "Bearer "},
    "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
    "huge key": {"Authorization": "Bearer " + "x" * 10_000},
    "sql in key": {"Authorization": "Bearer ' OR 1=1 --"},
}


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()


@pytest.mark.parametrize("headers", BAD_AUTHORIZATION.values(), ids=BAD_AUTHORIZATION.keys())
def test_writes_without_a_valid_key_get_401_with_the_bearer_challenge(client, headers, api_key):
    post = client.post("/documents", json={"text": ARTICLE}, headers=headers)
    assert_problem(post, 401)
    assert post.headers["www-authenticate"] == "Bearer"
    delete = client.delete("/documents/1", headers=headers)
    assert_problem(delete, 401)
    assert delete.headers["www-authenticate"] == "Bearer"


def test_the_key_is_checked_before_the_body_is_parsed(client):
    response = client.post("/documents", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_problem(response, 401)


def test_a_revoked_key_gets_403_and_cannot_write(client, database_url, api_key, auth):
    assert client.post("/documents", json={"text": ARTICLE}, headers=auth).status_code == 201
    with session_factory(get_engine(database_url))() as session:
        assert revoke_key(session, "test-writer")
    problem = assert_problem(client.post("/documents", json={"text": ARTICLE + " More."}, headers=auth), 403)
    assert "revoked" in problem["detail"]
    assert_problem(client.delete("/documents/1", headers=auth), 403)
    with session_factory(get_engine(database_url))() as session:
        assert len(session.scalars(select(Document)).all()) == 1


def test_reads_are_open_by_default(client):
    for path in ("/claims", "/speakers", "/documents", "/reactions", "/health"):
        assert client.get(path).status_code == 200, path


def test_reads_can_require_a_key(database_url, api_key):
    settings = Settings(database_url=database_url, read_requires_key=True)
    with TestClient(create_app(settings)) as closed:
        for path in ("/claims", "/speakers", "/documents", "/reactions", "/documents/1", "/claims/facets"):
            response = closed.get(path)
            assert_problem(response, 401)
            assert response.headers["www-authenticate"] == "Bearer"
            assert closed.get(path, headers={"Authorization": f"Bearer {api_key}"}).status_code in (200, 404)
        assert closed.get("/health").status_code == 200  # monitoring stays open


def test_keys_are_stored_only_as_hashes(database_url):
    secret = new_key(database_url, "hashed")
    with session_factory(get_engine(database_url))() as session:
        row = session.scalars(select(ApiKey)).one()
        assert row.key_sha256 == hash_key(secret) and secret not in (row.name, row.key_sha256)
        assert check_key(session, secret) is KeyStatus.VALID
        assert check_key(session, secret + "x") is KeyStatus.UNKNOWN
        assert check_key(session, "") is KeyStatus.UNKNOWN
        assert revoke_key(session, "hashed") and not revoke_key(session, "hashed")
        assert check_key(session, secret) is KeyStatus.REVOKED


def test_two_keys_are_never_alike(database_url):
    assert new_key(database_url, "a") != new_key(database_url, "b")
