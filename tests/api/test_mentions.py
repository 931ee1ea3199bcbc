"""`mentions=` on /claims, its facets and exports: names inside claims, stored at ingest."""

import csv
import io
from collections import Counter
from datetime import date

import pytest

from app.pipeline.extract import extract
from app.pipeline.persist import store_article
from app.pipeline.types import Article

ARTICLES = {
    "harbour": (
        "Harbour Minister Anna Nowak said on Tuesday that the Port Authority of Varnia would reopen "
        'the north quay. "We have agreed the terms with Oskland and with the Coastal Guild," Nowak '
        "said. Union leader Tomas Berg said the Port Authority had ignored the dockers."
    ),
    "envoy": (
        'Trade envoy Lena Marsh said talks with Oskland would resume. "Nowak promised us a deal and '
        'we expect Anna Nowak to keep her word," Marsh said. Marsh added that the Coastal Guild was '
        "not consulted."
    ),
}


@pytest.fixture
def articles(session) -> None:
    for source, text in ARTICLES.items():
        store_article(
            session, Article(source=source, text=text, published_on=date(2025, 5, 6)), extract(text)
        )


def _texts(client, **params) -> list[str]:
    response = client.get("/claims", params=params)
    assert response.status_code == 200, response.text
    return sorted(item["text"] for item in response.json()["items"])


def test_full_name_any_case_and_surname_find_the_same_claims(client, articles):
    expected = ["Nowak promised us a deal and we expect Anna Nowak to keep her word,"]
    assert _texts(client, mentions="Anna Nowak") == expected
    assert _texts(client, mentions="ANNA NOWAK") == expected
    assert _texts(client, mentions="nowak") == expected
    assert _texts(client, mentions="Minister Anna Nowak") == expected


def test_repeated_values_are_any_of(client, articles):
    assert len(_texts(client, mentions="Oskland")) == 2
    assert len(_texts(client, mentions=["Oskland", "Coastal Guild"])) == 3
    assert _texts(client, mentions="Nobody Here") == []


def test_mentions_combine_with_speaker(client, articles):
    assert _texts(client, mentions="Oskland", speaker="Marsh") == ["talks with Oskland would resume"]
    assert _texts(client, mentions="Port Authority", speaker="Tomas Berg") == [
        "the Port Authority had ignored the dockers"
    ]


def test_facet_counts_mentioned_names(client, articles):
    response = client.get("/claims/facets", params={"facet": "mentions"})
    assert response.status_code == 200, response.text
    counts = {b["value"]: b["count"] for b in response.json()["facets"]["mentions"]}
    assert counts == Counter(
        {
            "Oskland": 2,
            "Coastal Guild": 2,
            "Port Authority of Varnia": 1,
            "Port Authority": 1,
            "Anna Nowak": 1,
        }
    )
    buckets = response.json()["facets"]["mentions"]
    assert [b["count"] for b in buckets] == sorted((b["count"] for b in buckets), reverse=True)


def test_facet_takes_the_filters(client, articles):
    facets = client.get(
        "/claims/facets", params={"facet": ["mentions", "speaker"], "mentions": "oskland"}
    ).json()["facets"]
    assert {b["value"]: b["count"] for b in facets["mentions"]} == {"Oskland": 2, "Coastal Guild": 1}
    assert {b["value"] for b in facets["speaker"]} == {"anna-nowak", "lena-marsh"}
    by_speaker = client.get("/claims/facets", params={"facet": "mentions", "speaker": "Nowak"}).json()
    assert {b["value"] for b in by_speaker["facets"]["mentions"]} == {
        "Oskland",
        "Coastal Guild",
        "Port Authority of Varnia",
    }


def test_export_honours_mentions(client, articles):
    response = client.get("/claims.csv", params={"mentions": "Coastal Guild"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2


def test_empty_value_is_422(client, articles):
    response = client.get("/claims", params={"mentions": ""})
    assert response.status_code == 422
    assert response.json()["parameter"] == "mentions"


def test_claim_detail_lists_its_mentions(client, articles):
    item = client.get("/claims", params={"mentions": "Anna Nowak"}).json()["items"][0]
    assert client.get(f"/claims/{item['id']}").json()["mentions"] == ["Anna Nowak"]
    other = client.get("/claims", params={"mentions": "Coastal Guild", "speaker": "Nowak"}).json()["items"][0]
    assert client.get(f"/claims/{other['id']}").json()["mentions"] == ["Oskland", "Coastal Guild"]
