"""`sort=relevance` with `q` on claims, reactions and documents (and the exports): the best
match first, cursors over (score, id) that list tied rows once each, and a 422 naming
`sort` when there is no `q`.

The record's ties: six claims say "We will restore discipline,", every document has the
same text, and reactions x1 and x5 both say "Ibáñez criticised the plan.".
"""

import csv
import io
import json

import pytest

from app.models import Claim, Document, Reaction
from tests.api.conftest import CLAIMS, SAID, walk
from tests.api.test_search import NASTY

DISCIPLINE = set(CLAIMS) - set(SAID)
LISTINGS = ["/claims", "/reactions", "/documents"]


def ids(items: list[dict]) -> list[int]:
    return [item["id"] for item in items]


def test_a_text_that_repeats_the_word_comes_before_one_that_says_it_once(client, record, session):
    session.get(Claim, record.claims["r1"]).text = "Budget, budget and again budget: the budget decides."
    session.get(Reaction, record.reactions["x3"]).text = "The plan, the plan, always the plan."
    session.get(Document, record.documents["budget"]).text = "Approval, approval, approval: approval came."
    session.commit()

    claims = walk(client, "/claims", q="budget", sort="relevance")
    assert ids(claims)[0] == record.claims["r1"]
    assert set(ids(claims)) == {record.claims[k] for k in ("r1", "h2", "h3", "s1")}
    assert "<mark>" in claims[0]["snippet"]
    reactions = walk(client, "/reactions", q="plan", sort="relevance")
    assert ids(reactions)[0] == record.reactions["x3"] and len(reactions) == 4
    # "wind" says approval once, in its title; "budget" four times in its text.
    documents = walk(client, "/documents", q="approval", sort="relevance")
    assert ids(documents) == [record.documents["budget"], record.documents["wind"]]


@pytest.mark.parametrize(
    ("path", "q"),
    [
        ("/claims", "discipline"),  # six identical texts: one score, split by id
        ("/claims", "disciplin* OR budget OR boats"),
        ("/reactions", "plan OR review"),
        ("/documents", "discipline"),
        ("/documents", "discipline OR budget"),
    ],
)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_cursor_walk_visits_every_match_once_in_one_order(client, record, path, q, limit):
    whole = client.get(path, params={"q": q, "sort": "relevance", "limit": 500}).json()
    assert whole["next_cursor"] is None
    walked = walk(client, path, q=q, sort="relevance", limit=limit)
    assert ids(walked) == ids(whole["items"])
    assert len(set(ids(walked))) == len(walked)
    # The same rows as the default order lists, each once.
    assert sorted(ids(walked)) == sorted(ids(walk(client, path, q=q)))


def test_ties_are_listed_by_id(client, record):
    tied = sorted(record.claims[key] for key in DISCIPLINE)
    assert ids(walk(client, "/claims", q="discipline", sort="relevance", limit=1)) == tied
    page = client.get("/claims", params={"q": "discipline", "sort": "relevance", "count": "true", "limit": 2})
    assert page.json()["total"] == len(tied)


@pytest.mark.parametrize("path", [*LISTINGS, "/claims.csv", "/claims.ndjson", "/reactions.csv"])
@pytest.mark.parametrize("q", [None, ""])
def test_relevance_without_q_is_a_422_naming_sort(client, record, path, q):
    response = client.get(path, params={"sort": "relevance", **({} if q is None else {"q": q})})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["parameter"] == "sort" and "q" in body["errors"][0]["message"]


@pytest.mark.parametrize(("path", "sort"), [("/reactions", "-id"), ("/documents", "said_on")])
def test_an_unknown_sort_is_a_422_naming_sort(client, record, path, sort):
    response = client.get(path, params={"sort": sort})
    assert response.status_code == 422 and response.json()["parameter"] == "sort"


def test_a_relevance_cursor_belongs_to_relevance(client, record):
    cursor = client.get("/claims", params={"q": "discipline", "sort": "relevance", "limit": 1}).json()
    response = client.get("/claims", params={"q": "discipline", "cursor": cursor["next_cursor"]})
    assert response.status_code == 422 and response.json()["parameter"] == "cursor"


@pytest.mark.parametrize("path", LISTINGS)
def test_no_search_text_makes_a_ranked_listing_fail(client, record, path):
    for q in NASTY:
        response = client.get(path, params={"q": q, "sort": "relevance", "limit": 2})
        assert response.status_code in (200, 422), (q, response.text)
        if response.status_code == 422:
            assert response.json()["parameter"] == "q", (q, response.text)


@pytest.mark.parametrize("path", ["/claims.csv", "/reactions.ndjson"])
def test_no_search_text_makes_a_ranked_export_fail(client, record, path):
    for q in NASTY:
        response = client.get(path, params={"q": q, "sort": "relevance"})
        assert response.status_code in (200, 422), (q, response.text)


def test_exports_list_the_matches_in_the_listing_order(client, record, session):
    session.get(Claim, record.claims["r1"]).text = "Budget, budget and again budget: the budget decides."
    session.commit()
    q = "disciplin* OR budget"
    listed = ids(walk(client, "/claims", q=q, sort="relevance", limit=2))
    rows = list(
        csv.DictReader(io.StringIO(client.get("/claims.csv", params={"q": q, "sort": "relevance"}).text))
    )
    assert [int(row["id"]) for row in rows] == listed
    ndjson = client.get("/claims.ndjson", params={"q": q, "sort": "relevance"}).text.splitlines()
    assert [json.loads(line)["id"] for line in ndjson] == listed
    reactions = ids(walk(client, "/reactions", q="plan OR review", sort="relevance", limit=1))
    exported = client.get("/reactions.ndjson", params={"q": "plan OR review", "sort": "relevance"})
    assert [json.loads(line)["id"] for line in exported.text.splitlines()] == reactions


def test_openapi_documents_relevance_on_each_listing(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in [*LISTINGS, "/claims.csv", "/reactions.csv"]:
        (sort,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "sort"]
        assert "relevance" in json.dumps(sort["schema"]) and "q" in sort["description"]
