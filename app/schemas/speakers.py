"""Speaker family: summary items, the detail with aliases and counts, and the page."""

from typing import Literal

from pydantic import Field

from app.schemas.common import Page, SpeakerRef

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
