"""POST /documents in each of its three forms, idempotence, and DELETE."""

import json

import pytest
from sqlalchemy import func, select

from app.models import Claim, Document, Reaction
from tests.writes.conftest import ARTICLE, CLAIMS_IN_ARTICLE, REACTIONS_IN_ARTICLE


def post_json(client, auth, **fields):
    return client.post("/documents", json={"title": "Review", "text": ARTICLE, **fields}, headers=auth)


def assert_full_document(body: dict) -> None:
    assert body["text"] == ARTICLE
    assert len(body["claims"]) == body["claim_count"] == CLAIMS_IN_ARTICLE
    assert len(body["reactions"]) == REACTIONS_IN_ARTICLE
    assert {claim["speaker"]["name"] for claim in body["claims"]} == {"Pete Hegseth", "Aisha Rahman"}


def test_post_json_creates_the_document_with_claims_and_reactions(client, auth):
    response = post_json(client, auth, published="2025-03-10", outlet="Reuters", source="wire/123")
    assert response.status_code == 201, response.text
    body = response.json()
    assert_full_document(body)
    assert (body["title"], body["published_on"], body["outlet"], body["source"]) == (
        "Review",
        "2025-03-10",
        "Reuters",
        "wire/123",
    )
    assert response.headers["location"] == f"/documents/{body['id']}"
    assert client.get(f"/documents/{body['id']}").json()["claims"] == body["claims"]


def test_post_json_without_source_uses_the_url_then_the_api_label(client, auth):
    with_url = post_json(client, auth, url="https://example.com/a").json()
    assert with_url["source"] == "https://example.com/a"
    plain = client.post("/documents", json={"text": ARTICLE + " More."}, headers=auth).json()
    assert plain["source"] == "api"


def test_post_text_plain_reads_the_starred_title(client, auth):
    body = f"***Budget review***\n{ARTICLE}\n".encode()
    response = client.post("/documents", content=body, headers={**auth, "Content-Type": "text/plain"})
    assert response.status_code == 201, response.text
    assert response.json()["title"] == "Budget review"
    assert_full_document(response.json())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("story.txt", ARTICLE.encode()),
        ("story.md", f"# Budget review\n\n{ARTICLE}\n".encode()),
        ("story.html", f"<html><body><h1>Budget review</h1><p>{ARTICLE}</p></body></html>".encode()),
        ("story.json", json.dumps({"title": "Budget review", "text": ARTICLE}).encode()),
        ("story.jsonl", (json.dumps({"text": ARTICLE}) + "\n").encode()),
    ],
)
def test_post_file_upload_in_every_ingest_format(client, auth, name, content):
    response = client.post("/documents", files={"file": (name, content)}, headers=auth)
    assert response.status_code == 201, response.text
    assert_full_document(response.json())
    assert response.json()["source"] == name


def test_the_same_content_again_answers_200_with_the_same_document(client, auth, session):
    first = post_json(client, auth)
    again = client.post("/documents", files={"file": ("copy.txt", ARTICLE.encode())}, headers=auth)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert_full_document(again.json())
    assert session.scalar(select(func.count()).select_from(Document)) == 1
    assert session.scalar(select(func.count()).select_from(Claim)) == CLAIMS_IN_ARTICLE


def test_delete_removes_the_document_with_its_claims_and_reactions(client, auth, session):
    kept = post_json(client, auth, title="Kept", text=ARTICLE + " Another day.").json()
    gone = post_json(client, auth).json()
    response = client.delete(f"/documents/{gone['id']}", headers=auth)
    assert response.status_code == 204 and response.content == b""
    assert client.get(f"/documents/{gone['id']}").status_code == 404
    assert client.delete(f"/documents/{gone['id']}", headers=auth).status_code == 404
    assert session.scalars(select(Claim.document_id).distinct()).all() == [kept["id"]]
    assert session.scalars(select(Reaction.document_id).distinct()).all() == [kept["id"]]
    assert post_json(client, auth).status_code == 201  # the content can be added again


def test_search_finds_a_posted_document_and_forgets_a_deleted_one(client, auth):
    posted = post_json(client, auth).json()
    assert [d["id"] for d in client.get("/documents", params={"q": "discipline"}).json()["items"]] == [
        posted["id"]
    ]
    client.delete(f"/documents/{posted['id']}", headers=auth)
    assert client.get("/documents", params={"q": "discipline"}).json()["items"] == []
