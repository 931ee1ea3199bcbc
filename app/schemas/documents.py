"""Document family: list items, the detail with text, claims and reactions, and the page."""

from datetime import UTC, datetime

from pydantic import Field, field_validator

from app.schemas.claims import ClaimRead
from app.schemas.common import SNIPPET_FIELD, DocumentRef, Page
from app.schemas.reactions import ReactionRead


class DocumentRead(DocumentRef):
    outlet: str | None = Field(default=None, examples=["Reuters"])
    ingested_at: datetime
    claim_count: int = Field(description="Claims extracted from this document.", examples=[9])
    snippet: str | None = SNIPPET_FIELD

    @field_validator("ingested_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        # SQLite returns naive datetimes; an OpenAPI date-time (RFC 3339) needs its offset.
        return value if value.tzinfo else value.replace(tzinfo=UTC)


class DocumentDetail(DocumentRead):
    text: str = Field(description="The normalised article text that spans point into.")
    claims: list[ClaimRead] = Field(description="Claims in the order they appear.")
    reactions: list[ReactionRead] = Field(description="Reactions in the order they appear.")


class DocumentPage(Page[DocumentRead]):
    pass
