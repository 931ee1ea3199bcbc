"""Claim family: the item every listing returns, the detail and the page."""

from datetime import date
from typing import Any, Literal

from pydantic import Field, model_validator

from app.schemas.common import (
    SNIPPET_FIELD,
    DocumentRef,
    Page,
    Schema,
    Span,
    SpeakerRef,
    page_json,
    with_span,
)
from app.schemas.reactions import ReactionRead

ClaimKind = Literal["direct", "indirect", "mixed"]


class ClaimRead(Schema):
    id: int = Field(examples=[42])
    text: str = Field(description="What was said, as the article gives it.", examples=["We will review it."])
    kind: ClaimKind = Field(description="direct quote, indirect (reported) or mixed.", examples=["direct"])
    cue: str = Field(description="The verb or phrase of attribution.", examples=["said"])
    mention: str = Field(description="How the article named the speaker here.", examples=["Hegseth"])
    speaker: SpeakerRef
    document: DocumentRef
    span: Span
    said_on: date | None = Field(
        description="When it was said, if the article tells.", examples=["2025-03-14"]
    )
    confidence: float = Field(ge=0, le=1, description="Extractor confidence, 0..1.", examples=[0.9])
    snippet: str | None = SNIPPET_FIELD

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        return with_span(data)


class ClaimDetail(ClaimRead):
    reactions: list[ReactionRead] = Field(description="Reactions that target this claim.")
    context: str = Field(description="The sentence(s) of the article around the span.")
    mentions: list[str] = Field(
        description="People, organisations and places the text names (what `mentions=` matches).",
        examples=[["Anna Nowak", "NATO"]],
    )


class ClaimPage(Page[ClaimRead]):
    pass


class RelatedClaims(Schema):
    claim_id: int = Field(description="The claim the others repeat.", examples=[42])
    count: int = Field(description="How many claims are listed in `items`.", examples=[4])
    outlets: list[str] = Field(
        description="The distinct outlets of their documents, alphabetically.", examples=[["AP", "Reuters"]]
    )
    items: list[ClaimRead] = Field(description="The same speaker's near-identical claims, oldest first.")


def claim_item(row: Any, snippet: str | None = None) -> dict[str, Any]:
    """A listing row (app.queries.claims.LISTING_COLUMNS) as the ClaimRead object, keys in field order.

    Lists skip building ClaimRead models: validating 50 to 500 of them per page cost more
    than the query. The row is unpacked by position (reading 16 attributes by name
    costs more than the JSON encoding). tests/api/test_claims.py holds this to
    ClaimRead's own serialisation.
    """
    (
        claim_id, text, kind, cue, mention, speaker_id, speaker_name, speaker_slug,
        document_id, document_title, document_source, document_published_on,
        span_start, span_end, said_on, confidence,
    ) = row  # fmt: skip
    item = {
        "id": claim_id,
        "text": text,
        "kind": kind,
        "cue": cue,
        "mention": mention,
        "speaker": {"id": speaker_id, "name": speaker_name, "slug": speaker_slug},
        "document": {
            "id": document_id,
            "title": document_title,
            "source": document_source,
            "published_on": document_published_on,
        },
        "span": {"start": span_start, "end": span_end},
        "said_on": said_on,
        "confidence": confidence,
    }
    if snippet is not None:
        item["snippet"] = snippet
    return item


def claim_page_json(page: Any) -> bytes:
    """A query-layer page of listing rows as ClaimPage JSON."""
    snippets = page.snippets
    items = [claim_item(row, snippets.get(row[0])) for row in page.items]
    return page_json(items, page.next_cursor, page.total)
