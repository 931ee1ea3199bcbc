"""Speaker family: summary items, the detail with aliases and counts, and the page."""

from datetime import date
from typing import Literal

from pydantic import Field

from app.schemas.common import Page, Schema, SpeakerRef

SpeakerKind = Literal["person", "organization", "group", "unnamed"]


class SpeakerRead(SpeakerRef):
    kind: SpeakerKind = Field(examples=["person"])
    role: str | None = Field(
        default=None, description="Title or role as reported.", examples=["Defense Secretary"]
    )


class SpeakerDetail(SpeakerRead):
    aliases: list[str] = Field(description="Every surface form seen in the articles.", examples=[["Hegseth"]])
    claim_count: int = Field(description="Claims attributed to this speaker.", examples=[12])
    reaction_count: int = Field(description="Reactions voiced by this speaker.", examples=[2])


class SpeakerPage(Page[SpeakerRead]):
    pass


TimelineInterval = Literal["day", "week", "month"]


class TimelineBucket(Schema):
    period: str = Field(
        description="'2025-02' by month, '2025-W07' by ISO 8601 week, '2025-02-12' by day.",
        examples=["2025-02"],
    )
    start: date = Field(description="The period's first day (a Monday for weeks).", examples=["2025-02-01"])
    claims: int = Field(description="Claims by the speaker dated in the period.", examples=[3])
    reactions: int = Field(description="Reactions voiced by the speaker in the period.", examples=[1])


class SpeakerTimeline(Schema):
    speaker: SpeakerRead
    interval: TimelineInterval = Field(examples=["month"])
    buckets: list[TimelineBucket] = Field(
        description="Oldest first; periods with neither claims nor reactions are left out."
    )
    undated_claims: int = Field(description="Claims with no date, in no bucket.", examples=[0])
    undated_reactions: int = Field(description="Reactions in articles with no date.", examples=[0])
