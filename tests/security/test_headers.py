"""Security headers and X-Request-ID on every response, one JSON log line per request, CORS, 500s."""

import json
import logging

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.queries import claims as claim_queries
from tests.writes.conftest import ARTICLE

EVERY_KIND = [
    ("GET", "/claims", 200),
    ("GET", "/claims/999", 404),
    ("GET", "/claims?limit=abc", 422),
    ("POST", "/documents", 401),
    ("GET", "/nowhere", 404),
    ("PUT", "/claims", 405),
    ("GET", "/openapi.json", 200),
]


@pytest.mark.parametrize(("method", "path", "status"), EVERY_KIND)
def test_every_response_carries_the_security_headers(client, method, path, status):
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert len(response.headers["x-request-id"]) == 32


def test_docs_pages_keep_working_and_cannot_be_framed(client):
    for page in ("/docs", "/redoc"):
        response = client.get(page)
        assert response.status_code == 200 and "text/html" in response.headers["content-type"]
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'"
        assert response.headers["x-frame-options"] == "DENY"
    asset = client.get("/static-offline-docs/swagger-ui-bundle.js")
    assert asset.status_code == 200 and asset.headers["x-content-type-options"] == "nosniff"


def test_a_crash_is_a_generic_500_problem_with_headers_and_no_internals(client, monkeypatch):
    def explode(*_args, **_kwargs):
        raise RuntimeError("secret detail at /work/main/app/queries/claims.py: SELECT * FROM claims")

    monkeypatch.setattr(claim_queries, "list_claims", explode)
    monkeypatch.setattr(claim_queries, "bounded_claims_page", explode)
    monkeypatch.setattr(claim_queries, "bounded_claims_page_in", explode)
    response = client.get("/claims")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "The server met an unexpected error."
    for secret in ("secret", "/work", "SELECT", "Traceback", "RuntimeError"):
        assert secret not in response.text
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-request-id"]


def test_a_client_request_id_is_echoed(client):
    assert client.get("/health", headers={"X-Request-ID": "abc-123.x"}).headers["x-request-id"] == "abc-123.x"


@pytest.mark.parametrize("bad", ["a" * 129, "line\tbreak", "<script>", "", "é".encode()])
def test_an_unusable_request_id_is_replaced(client, bad):
    returned = client.get("/health", headers={"X-Request-ID": bad}).headers["x-request-id"]
    assert returned != bad and len(returned) == 32


def test_one_json_log_line_per_request(client, caplog):
    caplog.set_level(logging.INFO, logger="onrecord.access")
    client.get("/claims", params={"q": "secret words"}, headers={"X-Request-ID": "req-1"})
    client.post("/documents", json={"text": ARTICLE})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "onrecord.access"]
    assert [(line["method"], line["path"], line["status"], line["request_id"]) for line in lines][:1] == [
        ("GET", "/claims", 200, "req-1")
    ]
    assert lines[1]["status"] == 401 and len(lines) == 2
    assert all(set(line) == {"method", "path", "status", "duration_ms", "request_id"} for line in lines)
    assert all(isinstance(line["duration_ms"], float) for line in lines)
    assert "secret words" not in caplog.text  # the query string (which may hold anything) is not logged


def test_wildcard_cors_never_comes_with_credentials(database_url):
    with TestClient(create_app(Settings(database_url=database_url, cors_origins=["*"]))) as client:
        response = client.get("/claims", headers={"Origin": "https://evil.example"})
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers
    with TestClient(
        create_app(Settings(database_url=database_url, cors_origins=["https://ok.example"]))
    ) as c:
        assert (
            "access-control-allow-origin"
            not in c.get("/claims", headers={"Origin": "https://evil.example"}).headers
        )
        allowed = c.get("/claims", headers={"Origin": "https://ok.example"}).headers
        assert allowed["access-control-allow-origin"] == "https://ok.example"
