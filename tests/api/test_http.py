"""HTTP niceties: Link rel=next, ETag and 304, Cache-Control, gzip."""

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.models import Claim


def test_link_header_points_to_the_next_page_keeping_filters(client, record):
    first = client.get("/claims", params={"speaker": "Hegseth", "limit": 2})
    link = first.headers["link"]
    assert link.endswith('>; rel="next"') and "speaker=Hegseth" in link
    url = link[link.index("<") + 1 : link.index(">")]
    via_link = client.get(url).json()
    via_cursor = client.get(
        "/claims", params={"speaker": "Hegseth", "limit": 2, "cursor": first.json()["next_cursor"]}
    ).json()
    assert via_link == via_cursor
    assert "link" not in client.get(url).headers  # four claims: the second page is the last


def test_every_listing_sends_link_while_there_is_more(client, record):
    for path in ("/claims", "/speakers", "/documents", "/reactions", "/speakers/pete-hegseth/claims"):
        assert 'rel="next"' in client.get(path, params={"limit": 1}).headers["link"], path


def test_etag_and_if_none_match_give_304(client, record):
    first = client.get("/claims")
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    again = client.get("/claims", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get("/claims", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/claims", headers={"If-None-Match": f'"x", {etag}'}).status_code == 304


def test_etag_changes_with_the_data(client, record, session):
    etag = client.get("/claims").headers["etag"]
    session.get(Claim, record.claims["h1"]).confidence = 0.11
    session.commit()
    response = client.get("/claims", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["etag"] != etag


def test_errors_carry_no_etag(client, record):
    assert "etag" not in client.get("/claims/424242").headers


def test_cache_control_defaults_to_revalidate_and_follows_settings(client, record, database_url):
    assert client.get("/claims").headers["cache-control"] == "no-cache"
    assert client.get("/health").headers["cache-control"] == "no-store"
    cached = TestClient(create_app(Settings(database_url=database_url, cache_max_age=60)))
    assert cached.get("/claims").headers["cache-control"] == "public, max-age=60"


def test_large_answers_are_gzipped(client, record):
    response = client.get(f"/documents/{record.documents['pentagon']}", headers={"Accept-Encoding": "gzip"})
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"
    assert "content-encoding" not in small.headers
    assert response.json()["id"] == record.documents["pentagon"]
