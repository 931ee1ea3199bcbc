"""/claims/{id}/related: the same statement by the same speaker in other documents."""

from datetime import UTC, date, datetime

from app.models import Claim, Document, Speaker
from tests.api.conftest import TEXT

QUOTE = "No child should learn on an empty stomach."  # what r1 (Rahman, BBC) said


def _document(key: str, outlet: str) -> Document:
    return Document(
        source=f"articles/{key}.txt", title=key, published_on=date(2025, 2, 2), outlet=outlet, text=TEXT,
        content_sha256=key.ljust(64, "0"), ingested_at=datetime(2026, 1, 1, tzinfo=UTC),
        extractor_version="t",
    )  # fmt: skip


def _claim(document: Document, speaker: Speaker, text: str, said_on: date | None = date(2025, 2, 2)) -> Claim:
    return Claim(
        document=document, speaker=speaker, text=text, kind="direct", cue="said", mention=speaker.name,
        span_start=0, span_end=10, said_on=said_on, confidence=0.9,
    )  # fmt: skip


def _add(session, record) -> dict[str, int]:
    rahman, seth = (session.get(Speaker, record.speakers[key]) for key in ("rahman", "seth"))
    meals = session.get(Document, record.documents["meals"])
    ap, guardian, times = (
        _document("ap", "AP"),
        _document("guardian", "Guardian"),
        _document("times", "Times"),
    )
    claims = {
        "ap": _claim(ap, rahman, '"no child should learn on an EMPTY stomach" '),
        "guardian": _claim(guardian, rahman, "No child should learn on an empty stomach!", None),
        "near": _claim(times, rahman, "No child should ever learn on an empty stomach.", date(2025, 2, 5)),
        "negated": _claim(times, rahman, "No child should not learn on an empty stomach."),
        "far": _claim(times, rahman, "No child should ever learn on an empty stomach.", date(2025, 6, 1)),
        "other_quote": _claim(ap, rahman, "Meals will be free from September."),
        "other_speaker": _claim(guardian, seth, QUOTE),
        "same_document": _claim(meals, rahman, QUOTE),
    }
    session.add_all(claims.values())
    session.commit()
    return {key: claim.id for key, claim in claims.items()}


def test_same_statement_in_other_documents(client, session, record):
    added = _add(session, record)
    body = client.get(f"/claims/{record.claims['r1']}/related").json()
    ids = [item["id"] for item in body["items"]]
    # Oldest first (the undated one on its article's date, then by id). Not r1's own
    # article, another quote, another speaker, a negation, nor a loose match months away.
    assert ids == [*sorted([added["ap"], added["guardian"]]), added["near"]]
    assert body["claim_id"] == record.claims["r1"]
    assert body["count"] == 3
    assert body["outlets"] == ["AP", "Guardian", "Times"]
    # The same item shape as the listings.
    listed = {
        item["id"]: item
        for item in client.get("/claims", params={"speaker": "rahman", "limit": 50}).json()["items"]
    }
    assert body["items"] == [listed[claim_id] for claim_id in ids]


def test_related_the_other_way_round(client, session, record):
    added = _add(session, record)
    body = client.get(f"/claims/{added['guardian']}/related").json()
    # Exact normalised text matches at any date; the word-overlap match needs a date.
    assert {item["id"] for item in body["items"]} == {
        record.claims["r1"],
        added["ap"],
        added["same_document"],
    }
    assert body["outlets"] == ["AP", "BBC"]


def test_no_related_claims(client, record):
    body = client.get(f"/claims/{record.claims['h2']}/related").json()
    assert (body["count"], body["items"], body["outlets"]) == (0, [], [])


def test_unknown_claim_is_404(client, record):
    response = client.get("/claims/424242/related")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
