"""/documents: the listing with `q` and dates, and one document with what it holds."""

from tests.api.conftest import TEXT, walk


def titles(client, **params) -> set[str]:
    return {item["title"] for item in walk(client, "/documents", **params)}


def test_list_newest_first_with_undated_last(client, record):
    items = walk(client, "/documents", limit=2)
    assert sorted(i["id"] for i in items) == sorted(record.documents.values())
    assert [i["published_on"] for i in items][-1] is None
    dated = [i["published_on"] for i in items[:-1]]
    assert dated == sorted(dated, reverse=True)
    assert {"id", "title", "source", "published_on", "outlet", "ingested_at", "claim_count"} <= set(items[0])


def test_claim_count_per_document(client, record):
    counts = {i["title"]: i["claim_count"] for i in walk(client, "/documents")}
    assert counts["Offshore wind farm wins approval"] == 3


def test_q_on_title_ignores_case(client, record):
    assert titles(client, q="PENTAGON") == {"Pentagon announces review"}
    assert titles(client, q="%") == set()


def test_since_until_on_publication_date(client, record):
    assert titles(client, since="2025-03-01") == {"Pentagon announces review", "Budget talks stall"}
    assert titles(client, until="2024-12-31") == {"Offshore wind farm wins approval"}


def test_outlet_filter(client, record):
    assert titles(client, outlet="Reuters") == {"Pentagon announces review", "Budget talks stall"}


def test_get_document_with_text_claims_and_reactions(client, record):
    document = client.get(f"/documents/{record.documents['pentagon']}").json()
    assert document["text"] == TEXT
    assert record.claim_keys(c["id"] for c in document["claims"]) == {"h1", "h2"}
    assert {r["id"] for r in document["reactions"]} == {record.reactions["x1"], record.reactions["x2"]}


def test_unknown_document_is_404(client, record):
    response = client.get("/documents/424242")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
