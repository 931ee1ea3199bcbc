"""Reaction family: an item with reactor, target and span, and the page."""

from typing import Any, Literal

from pydantic import Field, model_validator

from app.schemas.common import SNIPPET_FIELD, DocumentRef, Page, RowView, Schema, Span, SpeakerRef, with_span

Stance = Literal["support", "oppose", "concern", "neutral"]


class ReactionTarget(Schema):
    claim_id: int | None = Field(description="The claim reacted to, when known.", examples=[42])
    speaker: SpeakerRef | None = Field(description="The speaker reacted to, when known.")


def _with_target(data: Any) -> Any:
    if isinstance(data, dict) or not hasattr(data, "target_claim_id"):
        return data
    speaker = data.target_speaker
    if speaker is None and data.target_claim is not None:
        speaker = data.target_claim.speaker
    return RowView(data, target=ReactionTarget(claim_id=data.target_claim_id, speaker=speaker))


class ReactionRead(Schema):
    id: int = Field(examples=[5])
    text: str = Field(examples=["This is reckless."])
    stance: Stance = Field(examples=["oppose"])
    cue: str = Field(description="The word that marks the reaction.", examples=["criticised"])
    reactor: SpeakerRef
    target: ReactionTarget
    document: DocumentRef
    span: Span
    snippet: str | None = SNIPPET_FIELD

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        return with_span(_with_target(data))


class ReactionPage(Page[ReactionRead]):
    pass
