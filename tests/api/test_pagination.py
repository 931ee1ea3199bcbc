"""Every listing walks to its end visiting each row once; limits and cursors are checked."""

import base64
import json

import pytest

from tests.api.conftest import walk

LISTINGS = {
    "/claims": "claims",
    "/speakers": "speakers",
    "/documents": "documents",
    "/reactions": "reactions",
}


@pytest.mark.parametrize("path", LISTINGS)
@pytest.mark.parametrize("limit", [1, 2, 5, 500])
def test_walk_visits_every_row_exactly_once(client, record, path, limit):
    ids = [item["id"] for item in walk(client, path, limit=limit)]
    assert sorted(ids) == sorted(getattr(record, LISTINGS[path]).values())


@pytest.mark.parametrize("sort", ["said_on", "-said_on", "confidence", "-confidence"])
def test_every_claim_sort_pages_through_ties_and_nulls(client, record, sort):
    items = walk(client, "/claims", sort=sort, limit=2)
    assert sorted(i["id"] for i in items) == sorted(record.claims.values())
    key = sort.lstrip("-")
    values = [i[key] for i in items if i[key] is not None]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_last_page_has_null_cursor_and_default_limit_is_50(client, record):
    page = client.get("/claims").json()
    assert page["next_cursor"] is None and len(page["items"]) == len(record.claims)


def test_rows_added_after_a_cursor_do_not_shift_the_next_page(client, record, session):
    from app.models import Claim

    first = client.get("/claims", params={"limit": 4, "sort": "-said_on"}).json()
    expected = client.get("/claims", params={"limit": 4, "cursor": first["next_cursor"]}).json()["items"]
    template = session.get(Claim, record.claims["h1"])
    newer = Claim(
        document_id=template.document_id,
        speaker_id=template.speaker_id,
        text="new",
        kind="direct",
        cue="said",
        mention="Hegseth",
        span_start=0,
        span_end=3,
        said_on=template.said_on.replace(year=2030),
        confidence=0.5,
    )
    session.add(newer)
    session.commit()
    again = client.get("/claims", params={"limit": 4, "cursor": first["next_cursor"]}).json()["items"]
    assert again == expected


@pytest.mark.parametrize("path", LISTINGS)
@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
def test_limit_out_of_bounds_is_422_naming_limit(client, record, path, limit):
    response = client.get(path, params={"limit": limit})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["parameter"] == "limit"
    assert body["errors"][0]["parameter"] == "limit"


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "!!!",
        _b64([1, 2]),
        _b64({"s": "-said_on", "v": "2025-99-01", "id": 3}),
        _b64({"s": "-said_on", "v": "2025-01-01", "id": "3"}),
        _b64({"s": "-said_on", "v": "2025-01-01", "id": 10**30}),
        _b64({"s": "name", "v": "x", "id": 3}),
        _b64({"s": "-said_on", "v": 5, "id": 3}),
        "eyJ",
    ],
)
def test_tampered_cursor_is_422_naming_cursor(client, record, cursor):
    response = client.get("/claims", params={"cursor": cursor})
    assert response.status_code == 422
    assert response.json()["parameter"] == "cursor"


def test_cursor_of_one_listing_is_rejected_by_another(client, record):
    cursor = client.get("/speakers", params={"limit": 1}).json()["next_cursor"]
    assert client.get("/documents", params={"cursor": cursor}).status_code == 422


def test_count_adds_total(client, record):
    page = client.get("/claims", params={"speaker": "hegseth", "limit": 1, "count": "true"}).json()
    assert page["total"] == 4 and len(page["items"]) == 1
