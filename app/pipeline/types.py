"""Small frozen carriers passed between pipeline stages.

Offsets (`start`, `end`) are character offsets into the normalised article text,
the same string stored as `documents.text`, so `text[start:end] == content`.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ClaimKind = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "group", "unnamed"]
Stance = Literal["support", "oppose", "concern", "neutral"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a file or a request, before extraction."""

    source: str
    text: str
    title: str = ""
    published_on: date | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A source as the article names it: the fullest name plus every surface form."""

    name: str
    kind: SpeakerKind
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement; `speaker` is the `name` of one of `Extraction.speakers`."""

    speaker: str
    text: str
    kind: ClaimKind
    cue: str
    mention: str
    start: int
    end: int
    said_on: date | None = None
    confidence: float = 0.5
    # The names `text` mentions (app.pipeline.mentions.find_mentions); None: not looked for.
    mentions: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ReactionFound:
    """One source responding to another's statement or action.

    `target_statement` indexes `Extraction.statements` when the reaction answers a
    particular statement; `target_speaker` names the source reacted to.
    """

    reactor: str
    stance: Stance
    cue: str
    text: str
    start: int
    end: int
    target_speaker: str | None = None
    target_statement: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    speakers: tuple[SpeakerRef, ...] = ()
    statements: tuple[Statement, ...] = ()
    reactions: tuple[ReactionFound, ...] = field(default=())
