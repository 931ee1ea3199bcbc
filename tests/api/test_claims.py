"""/claims: every filter, the speaker-name variants, the order and /claims/{id}."""

from collections import Counter

import pytest

from app.models import Claim
from app.schemas.claims import ClaimPage, ClaimRead
from tests.api.conftest import CLAIMS, TEXT, walk


def keys(client, record, **params) -> set[str]:
    return record.claim_keys(item["id"] for item in walk(client, "/claims", **params))


HEGSETH = {"h1", "h2", "h3", "h4"}


@pytest.mark.parametrize(
    "term",
    [
        "Hegseth",
        "hegseth",
        "HEGSETH",
        "Pete Hegseth",
        "pete hegseth",
        "Defense Secretary Pete Hegseth",
        "Secretary Hegseth",
        "pete-hegseth",
    ],
)
def test_speaker_by_any_form_of_the_name(client, record, term):
    assert keys(client, record, speaker=term) == HEGSETH


def test_speaker_by_id(client, record):
    assert keys(client, record, speaker=str(record.speakers["hegseth"])) == HEGSETH


@pytest.mark.parametrize(
    "term", ["José Ibáñez", "jose ibanez", "IBANEZ", "Ibáñez", "Mayor José Ibáñez", "jose-ibanez"]
)
def test_speaker_ignores_accents_and_case(client, record, term):
    assert keys(client, record, speaker=term) == {"i1", "i2"}


@pytest.mark.parametrize("term", ["Seth", "Pete", "Hegs", "nobody", "   ", "%", "_"])
def test_speaker_matches_whole_words_only(client, record, term):
    expected = {"s1"} if term == "Seth" else set()
    assert keys(client, record, speaker=term) == expected


def test_repeated_speaker_means_any_of_them(client, record):
    assert keys(client, record, speaker=["Hegseth", "Rahman"]) == HEGSETH | {"r1", "r2"}


def test_document_filter(client, record):
    assert keys(client, record, document=record.documents["wind"]) == {"h4", "f1", "f2"}


def test_kind_filter_and_repeated_kind(client, record):
    assert keys(client, record, kind="mixed") == {"h3"}
    expected = {k for k, row in CLAIMS.items() if row[2] in ("mixed", "indirect")}
    assert keys(client, record, kind=["mixed", "indirect"]) == expected


def test_filters_combine_with_and(client, record):
    assert keys(client, record, speaker="Hegseth", kind="direct") == {"h1", "h4"}


def test_since_and_until_fall_back_to_the_publication_date(client, record):
    # h3 has no said_on but its article is of 2025-03-10; i1 has neither date.
    assert keys(client, record, since="2025-03-01") == {"h1", "h2", "h3", "s1"}
    assert keys(client, record, until="2024-12-31") == {"h4", "f1", "f2"}
    assert keys(client, record, since="2025-02-01", until="2025-02-02") == {"r1", "r2", "p1"}


def test_default_order_is_newest_said_on_first_with_nulls_last(client, record):
    items = walk(client, "/claims", limit=3)
    dated = [item["said_on"] for item in items if item["said_on"]]
    assert dated == sorted(dated, reverse=True)
    first_null = next(i for i, item in enumerate(items) if item["said_on"] is None)
    assert all(item["said_on"] is None for item in items[first_null:])
    ties = [item["id"] for item in items if item["said_on"] == "2025-03-10"]
    assert ties == sorted(ties, reverse=True)


def test_item_shape(client, record):
    item = client.get("/claims?speaker=hegseth&kind=direct&since=2025-03-10").json()["items"][0]
    assert set(item) >= {
        "id",
        "text",
        "kind",
        "cue",
        "mention",
        "speaker",
        "document",
        "span",
        "said_on",
        "confidence",
    }
    assert item["speaker"] == {
        "id": record.speakers["hegseth"],
        "name": "Pete Hegseth",
        "slug": "pete-hegseth",
    }
    assert item["document"] == {
        "id": record.documents["pentagon"],
        "title": "Pentagon announces review",
        "source": "articles/pentagon.txt",
        "published_on": "2025-03-10",
    }
    assert TEXT[item["span"]["start"] : item["span"]["end"]] == item["text"]
    assert item["said_on"] == "2025-03-10" and item["confidence"] == 0.95


def test_claim_detail_has_context_and_reactions(client, record):
    response = client.get(f"/claims/{record.claims['h1']}")
    assert response.status_code == 200
    claim = response.json()
    assert claim["context"] == '"We will restore discipline," Defense Secretary Pete Hegseth said.'
    assert {r["id"] for r in claim["reactions"]} == {record.reactions["x1"], record.reactions["x2"]}
    assert all(r["target"]["claim_id"] == record.claims["h1"] for r in claim["reactions"])


def test_claim_without_reactions(client, record):
    assert client.get(f"/claims/{record.claims['s1']}").json()["reactions"] == []


@pytest.mark.parametrize("claim_id", ["999999", "99999999999999999999"])
def test_unknown_claim_is_404_problem(client, record, claim_id):
    response = client.get(f"/claims/{claim_id}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_claim_id_must_be_an_integer(client, record):
    response = client.get("/claims/abc")
    assert response.status_code == 422
    assert response.json()["parameter"] == "claim_id"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"since": "2025-13-01"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"kind": "quote"}, "kind"),
        ({"document": "abc"}, "document"),
        ({"document": "99999999999999999999"}, "document"),
        ({"sort": "text"}, "sort"),
    ],
)
def test_invalid_filter_is_422_naming_it(client, record, params, parameter):
    response = client.get("/claims", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == parameter


def test_cue_filter_ignores_case(client, record):
    assert keys(client, record, cue="SAID") == set(CLAIMS)
    assert keys(client, record, cue=["told", "added"]) == set()


def test_outlet_filter(client, record):
    assert keys(client, record, outlet="Reuters") == {"h1", "h2", "h3", "s1"}
    assert keys(client, record, outlet=["AP", "BBC"]) == {"h4", "f1", "f2", "r1", "r2", "p1"}


def test_min_confidence(client, record):
    assert keys(client, record, min_confidence=0.9) == {"h1", "i1", "r1"}
    response = client.get("/claims", params={"min_confidence": 2})
    assert response.status_code == 422 and response.json()["parameter"] == "min_confidence"


def test_has_reactions(client, record):
    assert keys(client, record, has_reactions="true") == {"h1", "h4"}
    assert keys(client, record, has_reactions="false") == set(CLAIMS) - {"h1", "h4"}


def test_facets_count_matching_claims(client, record):
    response = client.get("/claims/facets", params={"facet": ["speaker", "kind", "said_on:month", "outlet"]})
    assert response.status_code == 200
    facets = response.json()["facets"]
    assert facets["speaker"][0] == {"value": "pete-hegseth", "label": "Pete Hegseth", "count": 4}
    assert {b["value"]: b["count"] for b in facets["kind"]} == Counter(row[2] for row in CLAIMS.values())
    months = {b["value"]: b["count"] for b in facets["said_on:month"]}
    assert months == {None: 4, "2025-03": 3, "2025-02": 2, "2025-01": 1, "2024-12": 2}
    assert {b["value"]: b["count"] for b in facets["outlet"]}["Reuters"] == 4


def test_facets_take_the_claim_filters_and_search(client, record):
    facets = client.get(
        "/claims/facets", params={"facet": "kind", "speaker": "Hegseth", "q": "budget"}
    ).json()
    assert facets["facets"] == {
        "kind": [
            {"value": "indirect", "label": None, "count": 1},
            {"value": "mixed", "label": None, "count": 1},
        ]
    }
    default = client.get("/claims/facets").json()["facets"]
    assert set(default) == {"speaker", "kind"}


def test_unknown_facet_is_422(client, record):
    response = client.get("/claims/facets", params={"facet": "said_on:week"})
    assert response.status_code == 422 and response.json()["parameter"] == "facet"


@pytest.mark.parametrize(
    "params", [{}, {"count": "true", "limit": 3}, {"sort": "confidence", "kind": "direct"}]
)
def test_a_listing_page_is_claimpage_byte_for_byte(client, record, session, params):
    # Listings serialise rows straight to JSON (app.schemas.claims.claim_item); the bytes
    # must be exactly what ClaimPage makes of the same claims loaded as ORM objects.
    response = client.get("/claims", params=params)
    page = response.json()
    claims = [session.get(Claim, item["id"]) for item in page["items"]]
    expected = ClaimPage(items=[ClaimRead.model_validate(c) for c in claims], next_cursor=page["next_cursor"])
    if "count" in params:
        expected.total = page["total"]
    assert response.content == expected.model_dump_json().encode()
    assert len(claims) == min(int(params.get("limit", 50)), len(page["items"])) > 0


def test_search_snippets_follow_the_item_fields(client, record):
    items = client.get("/claims", params={"q": "discipline"}).json()["items"]
    assert items and all(list(item)[-1] == "snippet" and "<mark>" in item["snippet"] for item in items)
