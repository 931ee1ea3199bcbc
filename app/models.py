"""ORM tables: documents, speakers (with aliases), claims, reactions and API keys.

Every column an API filter uses carries an index; names are portable between SQLite
and PostgreSQL (no dialect-specific types).
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from app.db import Base
from app.textnorm import statement_key

CLAIM_KINDS = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organization", "group", "unnamed")
STANCES = ("support", "oppose", "concern", "neutral")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(String(1024), default="")
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    outlet: Mapped[str | None] = mapped_column(String(255), index=True)
    text: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extractor_version: Mapped[str] = mapped_column(String(32))
    # Set only on rows a search ranks (app.queries.search.ranked_page); None otherwise.
    relevance: Mapped[float | None] = query_expression()

    claims: Mapped[list["Claim"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    reactions: Mapped[list["Reaction"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class Speaker(Base):
    __tablename__ = "speakers"
    __table_args__ = (CheckConstraint(_in("kind", SPEAKER_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    slug: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    role: Mapped[str | None] = mapped_column(String(255))
    # "<kind>:<folded full name>", written by ingestion. Unique so that several ingest
    # processes inserting the same new person at once end up with one row, not twins.
    merge_key: Mapped[str | None] = mapped_column(String(300), unique=True)

    aliases: Mapped[list["SpeakerAlias"]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.id"
    )


def last_word(normalized: str) -> str:
    """'jane doe' -> 'doe': the word a bare-surname mention is matched on."""
    return normalized.rsplit(" ", 1)[-1]


def _alias_last_word(context: Any) -> str:
    # Fills the column for any insert that names only `normalized` (ORM or Core).
    return last_word(context.get_current_parameters()["normalized"])


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (
        UniqueConstraint("speaker_id", "normalized", name="uq_speaker_aliases_speaker_normalized"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(255))
    # Lower-cased, accents folded, whitespace collapsed: what `speaker=` filters match.
    normalized: Mapped[str] = mapped_column(String(255), index=True)
    # The last word of `normalized` ('doe' for 'jane doe'): a bare surname finds its
    # person through this index instead of scanning every alias with LIKE '% doe'.
    last_word: Mapped[str | None] = mapped_column(String(255), index=True, default=_alias_last_word)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


def _claim_text_key(context: Any) -> str:
    # Fills the column for any insert that names only `text` (ORM or Core).
    return statement_key(context.get_current_parameters()["text"])


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(_in("kind", CLAIM_KINDS), name="kind"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        Index("ix_claims_speaker_id_said_on_id", "speaker_id", "said_on", "id"),
        Index("ix_claims_said_on_id", "said_on", "id"),
        Index("ix_claims_confidence_id", "confidence", "id"),
        Index("ix_claims_speaker_id_text_key", "speaker_id", "text_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    cue: Mapped[str] = mapped_column(String(64))
    mention: Mapped[str] = mapped_column(String(255))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    said_on: Mapped[date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float)
    # app.textnorm.statement_key(text): the same statement reported by other articles
    # (/claims/{id}/related) is found through (speaker_id, text_key).
    text_key: Mapped[str | None] = mapped_column(String(32), default=_claim_text_key)

    document: Mapped[Document] = relationship(back_populates="claims")
    speaker: Mapped[Speaker] = relationship()
    reactions: Mapped[list["Reaction"]] = relationship(back_populates="target_claim")
    mentions: Mapped[list["ClaimMention"]] = relationship(order_by="ClaimMention.id", passive_deletes=True)


def _mention_last_word(context: Any) -> str:
    return last_word(context.get_current_parameters()["key"])


class ClaimMention(Base):
    """A person, organisation or place a claim's text names (app.pipeline.mentions)."""

    __tablename__ = "claim_mentions"
    __table_args__ = (
        UniqueConstraint("claim_id", "key", name="uq_claim_mentions_claim_id_key"),
        # (key, claim_id) and (last_word, claim_id) answer `mentions=` from the index alone.
        Index("ix_claim_mentions_key_claim_id", "key", "claim_id"),
        Index("ix_claim_mentions_last_word_claim_id", "last_word", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    # app.textnorm.fold(name): what `mentions=` matches, like speaker_aliases.normalized.
    key: Mapped[str] = mapped_column(String(255))
    last_word: Mapped[str] = mapped_column(String(255), default=_mention_last_word)


class Reaction(Base):
    __tablename__ = "reactions"
    __table_args__ = (CheckConstraint(_in("stance", STANCES), name="stance"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    reactor_id: Mapped[int] = mapped_column(ForeignKey("speakers.id"), index=True)
    target_claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="SET NULL"), index=True
    )
    target_speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"), index=True)
    stance: Mapped[str] = mapped_column(String(16), index=True)
    cue: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    # Set only on rows a search ranks (app.queries.search.ranked_page); None otherwise.
    relevance: Mapped[float | None] = query_expression()

    document: Mapped[Document] = relationship(back_populates="reactions")
    reactor: Mapped[Speaker] = relationship(foreign_keys=[reactor_id])
    target_speaker: Mapped[Speaker | None] = relationship(foreign_keys=[target_speaker_id])
    target_claim: Mapped[Claim | None] = relationship(back_populates="reactions")


class ApiKey(Base):
    """A client's key for writes; only the SHA-256 of its secret is stored."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
