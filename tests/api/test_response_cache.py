"""Repeated GETs are answered from memory until the database changes."""

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.models import Claim
from app.queries import claims as claim_queries
from app.queries.version import data_version


@pytest.fixture
def query_runs(monkeypatch) -> list[int]:
    """Record each time the /claims query actually runs, by either of its two paths."""
    runs: list[int] = []
    real, real_bounded = claim_queries.list_claims, claim_queries.bounded_claims_page
    real_bounded_in = claim_queries.bounded_claims_page_in

    def counted(**kwargs):
        runs.append(1)
        return real(**kwargs)

    def counting(bounded):
        def counted_bounded(*args, **kwargs):
            page = bounded(*args, **kwargs)
            if page is not None:  # None: it declined, and another path answers instead
                runs.append(1)
            return page

        return counted_bounded

    monkeypatch.setattr(claim_queries, "list_claims", counted)
    monkeypatch.setattr(claim_queries, "bounded_claims_page", counting(real_bounded))
    monkeypatch.setattr(claim_queries, "bounded_claims_page_in", counting(real_bounded_in))
    return runs


def test_repeated_get_is_served_from_memory(record, database_url, query_runs):
    client = TestClient(create_app(Settings(database_url=database_url)))
    # PostgreSQL's version is the cluster's WAL position: other databases' writes on a
    # shared test server move it too (a miss, never a stale hit), so allow a few tries.
    # Each try asks a URL of its own, so its first request is always a miss.
    for attempt in range(10):
        query_runs.clear()
        first = client.get("/claims", params={"limit": 3, "try": attempt})
        again = client.get("/claims", params={"limit": 3, "try": attempt})
        if len(query_runs) == 1:
            break
    assert len(query_runs) == 1
    assert again.json() == first.json() and again.headers["link"] == first.headers["link"]
    client.get("/claims", params={"limit": 4})
    assert len(query_runs) == 2  # another query string: not the same answer


def test_a_commit_invalidates_what_was_kept(record, database_url, session, query_runs):
    client = TestClient(create_app(Settings(database_url=database_url)))
    before = client.get("/claims").json()
    session.get(Claim, record.claims["h1"]).confidence = 0.12
    session.commit()
    after = client.get("/claims").json()
    assert len(query_runs) == 2
    assert after != before


def test_nothing_is_kept_when_reads_need_a_key(database_url):
    app = create_app(Settings(database_url=database_url, read_requires_key=True))
    assert not any(m.cls.__name__ == "ResponseCacheMiddleware" for m in app.user_middleware)


def test_data_version_moves_with_each_commit(record, engine, session):
    before = data_version(engine)
    assert before is not None and data_version(engine) == before
    session.get(Claim, record.claims["h1"]).confidence = 0.13
    session.commit()
    assert data_version(engine) != before


def test_the_cache_stays_within_its_byte_budget(record, database_url, monkeypatch):
    from app.api import response_cache

    monkeypatch.setattr(response_cache, "MAX_TOTAL_BYTES", 3000)
    app = create_app(Settings(database_url=database_url))
    client = TestClient(app)
    for limit in range(1, 8):
        client.get("/claims", params={"limit": limit})
    cache = _cache_of(app)
    assert 0 < cache.total_bytes <= 3000
    assert cache.total_bytes == sum(len(entry.body) for entry in cache.entries.values())


def _cache_of(app):
    layer = app.middleware_stack
    while not isinstance(
        layer, __import__("app.api.response_cache").api.response_cache.ResponseCacheMiddleware
    ):
        layer = layer.app
    return layer


def _streaming_app(content_type: bytes, parts: int, part: bytes = b"x" * 1000):
    """An ASGI app answering with `parts` body messages; records how many it has sent."""
    sent: list[int] = []

    async def app(scope, receive, send):
        headers = [(b"content-type", content_type)]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for i in range(parts):
            await send({"type": "http.response.body", "body": part, "more_body": i < parts - 1})
            sent.append(i)

    return app, sent


@pytest.mark.parametrize("content_type", [b"text/csv; charset=utf-8", b"application/x-ndjson"])
def test_an_export_streams_through_unbuffered(database_url, content_type):
    from app.api.response_cache import ResponseCacheMiddleware

    inner, _ = _streaming_app(content_type, parts=50)
    middleware = ResponseCacheMiddleware(inner, Settings(database_url=database_url))
    kept: list[object] = []
    middleware._keep = lambda *args: kept.append(args)  # type: ignore[method-assign]
    response = TestClient(middleware).get("/claims/export.csv")
    assert len(response.content) == 50_000
    assert kept == [] and middleware.entries == {} and middleware.total_bytes == 0


def test_a_json_answer_past_the_size_cap_is_not_kept(database_url, monkeypatch):
    from app.api import response_cache

    monkeypatch.setattr(response_cache, "MAX_BODY_BYTES", 10_000)
    inner, _ = _streaming_app(b"application/json", parts=50)
    middleware = response_cache.ResponseCacheMiddleware(inner, Settings(database_url=database_url))
    response = TestClient(middleware).get("/claims")
    assert len(response.content) == 50_000
    assert middleware.entries == {} and middleware.total_bytes == 0
