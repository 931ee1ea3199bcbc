"""The benchmark's ceiling route: absent in normal serving, and a real route when asked for."""

from fastapi.testclient import TestClient

from app.api.ceiling import CEILING_PATH
from app.config import Settings
from app.main import create_app


def test_there_is_no_ceiling_route_unless_the_benchmark_asks(client):
    assert client.get(CEILING_PATH).status_code == 404
    assert CEILING_PATH not in client.get("/openapi.json").json()["paths"]


def test_the_ceiling_answers_its_body_through_the_whole_middleware_stack(database_url, tmp_path):
    body = b'{"items":[],"next_cursor":null}'
    (tmp_path / "body.json").write_bytes(body)
    settings = Settings(database_url=database_url, bench_ceiling_body=tmp_path / "body.json")
    with TestClient(create_app(settings)) as client:
        response = client.get(CEILING_PATH, params={"_n": 1})
        assert response.status_code == 200 and response.content == body
        assert response.headers["content-type"] == "application/json"
        # Headers that only the middleware adds: request id, security headers, ETag.
        assert len(response.headers["x-request-id"]) == 32
        assert response.headers["x-content-type-options"] == "nosniff"
        again = client.get(CEILING_PATH, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304
        assert CEILING_PATH not in client.get("/openapi.json").json()["paths"]
