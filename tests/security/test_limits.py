"""Every limit answers with its own status as problem+json: 413 body, 422 article/q/limit, 503 time."""

import asyncio
import json

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.api.deps import SessionDep
from app.api.errors import install_error_handlers
from app.api.middleware import BodySizeLimitMiddleware
from app.config import Settings
from app.db import get_engine, session_factory
from app.main import create_app
from app.querytime import is_timeout, query_time_limit
from tests.writes.conftest import ARTICLE

LISTS = ("/claims", "/documents", "/reactions", "/speakers", "/claims/facets")


def limited_client(database_url: str, **limits) -> TestClient:
    return TestClient(
        create_app(Settings(database_url=database_url, **limits)), raise_server_exceptions=False
    )


def assert_problem(response, status: int, parameter: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem.get("parameter") == parameter
    return problem


def test_a_body_over_the_limit_is_refused_by_its_content_length(database_url, auth):
    with limited_client(database_url, max_body_bytes=1_000) as client:
        big = {"text": ARTICLE * 20}
        problem = assert_problem(client.post("/documents", json=big, headers=auth), 413)
        assert "1000 bytes" in problem["detail"]
        upload = {"file": ("a.txt", (ARTICLE * 20).encode())}
        assert_problem(client.post("/documents", files=upload, headers=auth), 413)
        assert client.post("/documents", json={"text": ARTICLE}, headers=auth).status_code == 201


def run_asgi(app, chunks: list[bytes], headers: list[tuple[bytes, bytes]]) -> tuple[list[dict], int]:
    """Send `chunks` as a streamed body; return the messages sent back and the chunks consumed."""
    consumed = 0
    sent: list[dict] = []

    async def receive():
        nonlocal consumed
        consumed += 1
        more = consumed < len(chunks)
        return {"type": "http.request", "body": chunks[consumed - 1], "more_body": more}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers, "query_string": b""}
    asyncio.run(app(scope, receive, send))
    return sent, consumed


def reads_everything() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/")
    async def echo_size(request: Request) -> dict:
        return {"size": len(await request.body())}

    return app


def test_a_streamed_body_is_cut_off_as_soon_as_it_passes_the_limit():
    app = BodySizeLimitMiddleware(reads_everything(), max_bytes=1_000)
    sent, consumed = run_asgi(app, [b"x" * 100] * 100, headers=[])  # chunked: no Content-Length
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["status"] == 413
    assert consumed == 11  # stopped reading at the chunk that crossed 1,000 bytes, not after 10,000


def test_a_declared_length_over_the_limit_is_refused_before_reading():
    app = BodySizeLimitMiddleware(reads_everything(), max_bytes=1_000)
    sent, consumed = run_asgi(app, [b"x" * 100] * 100, headers=[(b"content-length", b"10000")])
    assert (sent[0]["status"], consumed) == (413, 0)
    sent, _ = run_asgi(app, [b"x" * 100] * 5, headers=[])
    assert sent[0]["status"] == 200


def test_an_article_over_max_article_chars_is_422_naming_text(database_url, auth):
    with limited_client(database_url, max_article_chars=100) as client:
        problem = assert_problem(client.post("/documents", json={"text": ARTICLE}, headers=auth), 422, "text")
        assert "at most 100" in problem["detail"]
        files = {"file": ("a.txt", ARTICLE.encode())}
        assert_problem(client.post("/documents", files=files, headers=auth), 422, "text")


@pytest.mark.parametrize("path", LISTS)
def test_q_longer_than_max_query_chars_is_422(database_url, path):
    with limited_client(database_url, max_query_chars=50) as client:
        problem = assert_problem(client.get(path, params={"q": "budget " * 10}), 422, "q")
        assert "at most 50 characters" in problem["detail"]
        assert client.get(path, params={"q": "budget"}).status_code == 200


@pytest.mark.parametrize("path", [p for p in LISTS if p != "/claims/facets"])
def test_limit_is_capped(client, path):
    assert_problem(client.get(path, params={"limit": 501}), 422, "limit")
    assert_problem(client.get(path, params={"limit": 0}), 422, "limit")
    assert client.get(path, params={"limit": 500}).status_code == 200


def slow_query(url: str) -> str:
    if url.startswith("sqlite"):
        return (
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000000) "
            "SELECT count(*) FROM n"
        )
    return "SELECT pg_sleep(3)"


def test_a_statement_past_its_time_limit_is_stopped(database_url):
    engine = get_engine(database_url)
    with session_factory(engine)() as session, query_time_limit(100):
        with pytest.raises(OperationalError) as raised:
            session.execute(text(slow_query(database_url)))
        assert is_timeout(raised.value)
        session.rollback()
        assert session.scalar(text("SELECT 1")) == 1  # the connection stays usable
    with engine.connect() as conn:  # outside the API's limit (e.g. ingest) nothing is stopped
        assert conn.scalar(text("SELECT count(*) FROM (SELECT 1) AS one")) == 1


def test_a_request_whose_query_runs_too_long_gets_503(database_url):
    app = create_app(Settings(database_url=database_url, query_timeout_ms=100))

    @app.get("/slow")
    def slow(session: SessionDep) -> int:
        return session.scalar(text(slow_query(database_url)))

    with TestClient(app, raise_server_exceptions=False) as client:
        problem = assert_problem(client.get("/slow"), 503)
        assert "100 ms" in problem["detail"]
        assert "SELECT" not in problem["detail"] and "pg_sleep" not in problem["detail"]
        assert client.get("/claims").status_code == 200  # the pooled connection is fine afterwards
