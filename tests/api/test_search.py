"""Full-text `q` on claims, reactions and documents: stemming, phrases, prefixes, OR/NOT,
snippets, and no user string that can make the server fail."""

import pytest

from tests.api.conftest import CLAIMS, SAID, walk

DISCIPLINE = set(CLAIMS) - set(SAID)


def claim_keys(client, record, q, **params) -> set[str]:
    return record.claim_keys(item["id"] for item in walk(client, "/claims", q=q, **params))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("budget", {"h2", "h3", "s1"}),  # stemmed: budgets finds budget
        ("BUDGETS", {"h2", "h3", "s1"}),
        ("budget frozen", {"h3"}),  # words are ANDed
        ("budget AND frozen", {"h3"}),
        ('"budgets are frozen"', {"h3"}),
        ('"frozen budgets"', set()),
        ("disciplin*", DISCIPLINE),
        ("budget OR boats", {"h2", "h3", "s1", "f1"}),
        ("budget -frozen", {"h2", "s1"}),
        ("budget NOT frozen", {"h2", "s1"}),
        ("40", {"f1"}),
        ("nothing-like-this", set()),
    ],
)
def test_claim_search_syntax(client, record, q, expected):
    assert claim_keys(client, record, q) == expected


@pytest.mark.parametrize("q", ["montreal", "Montréal", "MONTREAL", "élections", "elections"])
def test_search_folds_accents(client, record, q):
    assert claim_keys(client, record, q) == {"i1"}


def test_accent_folded_matches_are_highlighted(client, record):
    items = client.get("/claims", params={"q": "montreal"}).json()["items"]
    assert items[0]["snippet"] == "Les élections auront lieu à <mark>Montréal</mark>."
    documents = walk(client, "/documents", q="elections montreal")
    assert [d["id"] for d in documents] == [record.documents["montreal"]]


def test_search_combines_with_filters_sort_and_pagination(client, record):
    assert claim_keys(client, record, "disciplin*", speaker="Hegseth", limit=1) == {"h1", "h4"}
    items = walk(client, "/claims", q="budget", sort="confidence", limit=1)
    assert [i["confidence"] for i in items] == sorted(i["confidence"] for i in items)
    page = client.get("/claims", params={"q": "budget", "count": "true", "limit": 1}).json()
    assert page["total"] == 3


def test_each_hit_has_a_highlighted_snippet(client, record):
    items = client.get("/claims", params={"q": "frozen"}).json()["items"]
    assert items[0]["snippet"] == "The budgets are <mark>frozen</mark> until spring."
    assert all("snippet" not in i for i in client.get("/claims").json()["items"])
    assert "total" not in client.get("/claims").json()


def test_reaction_search(client, record):
    items = walk(client, "/reactions", q="condemn")
    assert [i["id"] for i in items] == [record.reactions["x4"]]
    assert "<mark>" in items[0]["snippet"]


def test_document_search_covers_title_and_text(client, record):
    assert {i["id"] for i in walk(client, "/documents", q="pentagon")} == {record.documents["pentagon"]}
    assert len(walk(client, "/documents", q="discipline")) == len(record.documents)
    assert walk(client, "/documents", q="pentagon")[0]["snippet"]


@pytest.mark.parametrize("q", ["-budget", '"', "NOT", "OR", "*", "-", "a OR -b"])
def test_search_with_nothing_to_find_is_422_naming_q(client, record, q):
    response = client.get("/claims", params={"q": q})
    assert response.status_code == 422
    assert response.json()["parameter"] == "q"


NASTY = [
    "(",
    ")",
    "a:b",
    "title:pentagon",
    "^budget",
    "NEAR(budget frozen)",
    "\\",
    "'",
    "'; DROP TABLE claims; --",
    "a AND OR NOT b",
    "budget* *",
    '"unterminated phrase',
    "ünïcödé ñ",
    "x" * 300,
    "{budget}",
    "budget:*",
    "a & b | !c <-> d",
    "%_%",
]


@pytest.mark.parametrize("path", ["/claims", "/reactions", "/documents"])
def test_no_search_text_makes_the_server_fail(client, record, path):
    for q in NASTY:
        response = client.get(path, params={"q": q})
        assert response.status_code in (200, 422), (q, response.text)
    assert client.get("/claims", params={"q": "'; DROP TABLE claims; --"}).status_code in (200, 422)
    assert len(walk(client, "/claims")) == len(CLAIMS)


def test_parse_search_never_lets_nul_through():
    from app.queries.search import parse_search, to_fts5, to_tsquery

    query = parse_search("budget\x00frozen")
    assert "\x00" not in to_fts5(query) and "\x00" not in to_tsquery(query)


def test_snippets_are_safe_html(client, record, session):
    from app.models import Claim

    session.get(Claim, record.claims["r1"]).text = 'No <script>alert("x")</script> stomach & no budget.'
    session.commit()
    item = client.get("/claims", params={"q": "stomach"}).json()["items"][0]
    assert "<script>" not in item["snippet"]  # escaped (SQLite) or dropped by ts_headline (PostgreSQL)
    assert "<mark>stomach</mark>" in item["snippet"] and "&amp;" in item["snippet"]


@pytest.mark.parametrize("sort", ["-said_on", "said_on", "confidence"])
@pytest.mark.parametrize("q", ["budget", "disciplin*", "budget OR boats", "budget -frozen"])
def test_walking_the_date_index_finds_the_same_pages_as_starting_from_the_matches(
    client, record, monkeypatch, q, sort
):
    from app.queries import search

    few = walk(client, "/claims", q=q, sort=sort, limit=2)
    monkeypatch.setattr(search, "FEW_MATCHES", 0)  # every word is common: walk the index
    many = walk(client, "/claims", q=q, sort=sort, limit=2, _n=1)
    assert many == few and few
    assert all("snippet" in item for item in many) and any(item["snippet"] for item in many)
