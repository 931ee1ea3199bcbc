"""Service-wide behaviour: health, one problem shape, OpenAPI completeness, offline docs, CORS."""

import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_health_checks_the_database(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "url_of",
    [
        lambda tmp: "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2",
        lambda tmp: f"sqlite:///{tmp / 'a-file' / 'db.sqlite'}",  # a path under a file cannot be opened
    ],
)
def test_health_is_503_problem_when_the_database_is_down(tmp_path, url_of):
    (tmp_path / "a-file").write_text("")
    response = TestClient(create_app(Settings(database_url=url_of(tmp_path)))).get("/health")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 503


def test_unknown_route_and_method_are_problems(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    response = client.post("/claims")
    assert response.status_code == 405
    assert response.json()["status"] == 405


def test_unexpected_error_is_a_generic_500_problem(database_url):
    app = create_app(Settings(database_url=database_url))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret" not in response.text and "Traceback" not in response.text


def test_every_operation_is_tagged_described_and_documented(client):
    schema = client.get("/openapi.json").json()
    assert {tag["name"] for tag in schema["tags"]} == {
        "health",
        "claims",
        "speakers",
        "documents",
        "reactions",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("tags"), where
            assert operation.get("summary") and operation.get("description"), where
            assert {"200", "201", "204"} & operation["responses"].keys(), where  # a success is documented
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), f"{where} {parameter['name']}"
                assert "examples" in parameter.get("schema", {}) or "example" in parameter, parameter["name"]
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], f"{where} {status}"


def test_list_claims_operation_id_is_stable(client):
    schema = client.get("/openapi.json").json()
    assert schema["paths"]["/claims"]["get"]["operationId"] == "list_claims_claims_get"


def test_docs_and_redoc_use_only_local_assets(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html) + re.findall(r"url: ?'([^']+)'", html)
        assert urls, page
        assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
        assert "cdn" not in html.lower() and "fonts.googleapis" not in html
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_cors_exposes_link_and_etag(database_url):
    app = create_app(Settings(database_url=database_url, cors_origins=["https://example.org"]))
    response = TestClient(app).get("/health", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "https://example.org"
    assert {"link", "etag"} <= {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }


def test_cors_wildcard_never_allows_credentials(database_url):
    app = create_app(Settings(database_url=database_url, cors_origins=["*"]))
    response = TestClient(app).get("/health", headers={"Origin": "https://elsewhere.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


def test_cors_preflight_allows_a_browser_app_to_write(database_url):
    app = create_app(Settings(database_url=database_url, cors_origins=["https://example.org"]))
    response = TestClient(app).options("/documents", headers={
        "Origin": "https://example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    })
    assert response.status_code == 200
    allowed = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert {"POST", "DELETE"} <= allowed
    assert "authorization" in response.headers["access-control-allow-headers"].lower()
