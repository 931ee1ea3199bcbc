"""Claim family: the item every listing returns, the detail and the page."""

from datetime import date
from typing import Any, Literal

from pydantic import Field, model_validator

from app.schemas.common import SNIPPET_FIELD, DocumentRef, Page, Schema, Span, SpeakerRef, with_span
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


class ClaimPage(Page[ClaimRead]):
    pass
