"""Store extracted articles: the only pipeline stage that touches a Session.

Each article is stored whole or not at all - the document with all its claims and
reactions, or nothing:
  * `store_article` gives an article a transaction of its own (the API's writes);
  * `ArticleBatch` stores many articles in one transaction, each under a savepoint, so
    one that fails is undone alone and the others are committed together. Committing
    once per batch instead of once per article is what makes a bulk ingest fast; a
    process killed mid-batch loses the uncommitted batch, never half a document.

Several ingest processes may write to one PostgreSQL database at once, so every row
with a natural key (documents by content hash, speakers by merge key, aliases by speaker
and normalised form) is written with INSERT ... ON CONFLICT DO NOTHING and then read
back: whoever inserts first wins and the others reuse that row. How speakers are merged
across documents is described in `app.pipeline.persist_speakers`.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection, Table, bindparam, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.models import Claim, ClaimMention, Document, Reaction, last_word
from app.pipeline.extract import EXTRACTOR_VERSION
from app.pipeline.mentions import find_mentions
from app.pipeline.persist_speakers import (
    SpeakerResolver,
    TransactionFacts,
    fit,
    insert_ignoring_conflicts,
    is_proper_name,
    merge_key,
    remember_committed_aliases,
)
from app.pipeline.types import Article, Extraction
from app.textnorm import fold

__all__ = [
    "ArticleBatch",
    "BatchLost",
    "StoreResult",
    "content_sha256",
    "is_proper_name",
    "merge_key",
    "store_article",
    "stored_document_id",
]

# session.info key: the TransactionFacts of the transaction in progress.
_FACTS = "onrecord.transaction_facts"
_documents: Table = Document.__table__  # type: ignore[assignment]
_claims: Table = Claim.__table__  # type: ignore[assignment]
_reactions: Table = Reaction.__table__  # type: ignore[assignment]
_mentions: Table = ClaimMention.__table__  # type: ignore[assignment]
_DOCUMENT_BY_SHA = select(_documents.c.id).where(_documents.c.content_sha256 == bindparam("sha"))
# Ids in the order given, for the reactions that point at them.
_INSERT_CLAIMS = _claims.insert().returning(_claims.c.id, sort_by_parameter_order=True)
_INSERT_REACTIONS = _reactions.insert()
_MAX_CLAIM_ID = select(func.max(_claims.c.id))
_INSERT_CLAIMS_WITH_IDS = _claims.insert()
_INSERT_MENTIONS = _mentions.insert()
_MENTION_LENGTH = _mentions.c.key.type.length  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What storing one article did; counts are rows created by this call."""

    status: Literal["added", "unchanged"]
    document_id: int
    claims: int = 0
    reactions: int = 0
    speakers: int = 0


def content_sha256(text: str) -> str:
    """Hash of the normalised text: the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_document_id(session: Session, text: str) -> int | None:
    """Id of the document with this normalised text, if it is stored already."""
    return session.connection().execute(_DOCUMENT_BY_SHA, {"sha": content_sha256(text)}).scalar()


def store_article(
    session: Session, article: Article, extraction: Extraction, *, extractor_version: str = EXTRACTOR_VERSION
) -> StoreResult:
    """Store `article` with its extraction in one transaction (commit or roll back all).

    Storing content that is already stored changes nothing and reports "unchanged".
    """
    try:
        result = _store(session, _facts(session), article, extraction, extractor_version)
        session.commit()
    except BaseException:
        _end_transaction(session, committed=False)
        raise
    _end_transaction(session, committed=True)
    return result


class BatchLost(SQLAlchemyError):
    """The database ended the batch's transaction: none of its articles is stored."""


class ArticleBatch:
    """Many articles in one transaction, each under its own savepoint.

        batch = ArticleBatch(session)
        result = batch.store(article, extraction)   # raises for this article only
        batch.commit()                              # or batch.rollback()

    On SQLite the transaction starts with BEGIN IMMEDIATE: the write lock is taken at
    once, so nobody else writes until the commit and what the batch has read stays
    true (other writers wait, up to busy_timeout). Without the explicit BEGIN, pysqlite
    would let the first SAVEPOINT open the transaction and its RELEASE commit it.
    The full-text index is filled once per batch as well (see `_DeferredSearchIndex`).
    """

    def __init__(self, session: Session, *, extractor_version: str = EXTRACTOR_VERSION) -> None:
        self.session = session
        self.extractor_version = extractor_version
        self.size = 0
        self.started = 0.0
        self._search_index: _DeferredSearchIndex | None = None

    def store(self, article: Article, extraction: Extraction) -> StoreResult:
        """Store one article inside the batch; if it raises, nothing of it remains."""
        if self.size == 0:
            self._begin()
        else:
            self._check_open()
        facts = _facts(self.session)
        # Plain SAVEPOINT statements rather than Session.begin_nested(): nothing here
        # uses ORM objects, and the bookkeeping cost as much as storing a small article.
        conn = self.session.connection()
        conn.exec_driver_sql("SAVEPOINT onrecord_article")
        try:
            with facts.article():
                result = _store(self.session, facts, article, extraction, self.extractor_version)
        except BaseException:
            conn.exec_driver_sql("ROLLBACK TO SAVEPOINT onrecord_article")
            conn.exec_driver_sql("RELEASE SAVEPOINT onrecord_article")
            raise
        conn.exec_driver_sql("RELEASE SAVEPOINT onrecord_article")
        self.size += 1
        return result

    def seconds_open(self) -> float:
        return time.monotonic() - self.started if self.size else 0.0

    def commit(self) -> None:
        try:
            self._check_open()
            if self._search_index is not None:
                self._search_index.fill(self.session.connection())
            self.session.commit()
        except BaseException:
            self.rollback()
            raise
        _end_transaction(self.session, committed=True)
        self.size = 0
        self._search_index = None

    def rollback(self) -> None:
        self.session.rollback()
        _end_transaction(self.session, committed=False)
        self.size = 0
        self._search_index = None

    def _check_open(self) -> None:
        # SQLite rolls a transaction back by itself after some errors (a full disk, an
        # I/O error); carrying on would let each savepoint commit on its own.
        conn = self.session.connection()
        if conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
            raise BatchLost("the batch's transaction was rolled back by the database")

    def _begin(self) -> None:
        self.started = time.monotonic()
        conn = self.session.connection()
        if conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            self._search_index = _DeferredSearchIndex.begin(conn)


class _DeferredSearchIndex:
    """SQLite: fill the FTS5 tables once per batch instead of from a trigger per row.

    The migrations keep each FTS5 table (`claims_fts` ...) in step with its table through
    AFTER INSERT/UPDATE/DELETE triggers. Fed row by row from `<table>_fts_insert`, the
    index cost about 1.3 ms per dense article - most of what storing it cost - against
    0.1 ms for one INSERT ... SELECT of the batch's rows. So the batch drops the insert
    triggers inside its own transaction and, just before committing, indexes every row
    above the largest id it found at the start (it holds the write lock throughout, so
    those are exactly its rows, minus any article rolled back) and recreates the
    triggers from their stored SQL. DDL is transactional in SQLite: other connections
    only ever see the triggers in place and the index complete, and a killed or failed
    batch rolls the drop back with everything else. Writes through the API (one article
    per transaction) keep using the triggers. This relies on each insert trigger copying
    `new.<column>` for every column of its FTS table, as the migration's do; a trigger
    that computed its values would need the same computation here.
    """

    TABLES = ("documents", "claims", "reactions")

    def __init__(self, deferred: list[tuple[str, str, int]]) -> None:
        self.deferred = deferred  # (table, trigger SQL, largest id before the batch)

    @classmethod
    def begin(cls, conn: Connection) -> "_DeferredSearchIndex":
        deferred = []
        for table in cls.TABLES:
            trigger = f"{table}_fts_insert"
            sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
            ).scalar()
            if sql is None:
                continue  # a schema without full-text search: nothing to defer
            start = conn.exec_driver_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').scalar()
            conn.exec_driver_sql(f'DROP TRIGGER "{trigger}"')
            deferred.append((table, sql, start))
        return cls(deferred)

    def fill(self, conn: Connection) -> None:
        for table, trigger_sql, start in self.deferred:
            fts = f"{table}_fts"
            columns = ", ".join(f'"{row[1]}"' for row in conn.exec_driver_sql(f'PRAGMA table_info("{fts}")'))
            conn.exec_driver_sql(
                f'INSERT INTO "{fts}"(rowid, {columns}) SELECT id, {columns} FROM "{table}" WHERE id > ?',
                (start,),
            )
            conn.exec_driver_sql(trigger_sql)
        self.deferred = []


def _facts(session: Session) -> TransactionFacts:
    return session.info.setdefault(_FACTS, TransactionFacts())


def _end_transaction(session: Session, *, committed: bool) -> None:
    if not committed:
        session.rollback()
    facts = session.info.pop(_FACTS, None)
    if committed and facts is not None:
        remember_committed_aliases(session, facts)


def _store(
    session: Session,
    facts: TransactionFacts,
    article: Article,
    extraction: Extraction,
    extractor_version: str,
) -> StoreResult:
    # The document insert comes first: on SQLite it takes the write lock before any read,
    # so a concurrent writer cannot leave this transaction with a stale snapshot.
    conn = session.connection()
    sha = content_sha256(article.text)
    document_id = conn.execute(
        insert_ignoring_conflicts(conn, _documents, returning_id=True),
        {
            "source": fit(_documents.c.source, article.source),
            "title": fit(_documents.c.title, article.title),
            "published_on": article.published_on,
            "outlet": fit(_documents.c.outlet, article.outlet),
            "text": article.text,
            "content_sha256": sha,
            "ingested_at": datetime.now(UTC),
            "extractor_version": extractor_version,
        },
    ).scalar_one_or_none()
    if document_id is None:
        existing = conn.execute(_DOCUMENT_BY_SHA, {"sha": sha}).scalar()
        return StoreResult("unchanged", existing or 0)
    speakers = SpeakerResolver(session, facts, scope=sha)
    speakers.resolve_all(extraction)
    claim_ids = _store_claims(session, document_id, article, extraction, speakers)
    _store_mentions(session, extraction, claim_ids)
    reactions = _store_reactions(session, document_id, extraction, speakers, claim_ids)
    return StoreResult("added", document_id, len(claim_ids), reactions, speakers.created)


def _store_claims(
    session: Session, document_id: int, article: Article, extraction: Extraction, speakers: SpeakerResolver
) -> list[int]:
    # Core rows in one multi-row INSERT ... RETURNING (ids in the order given, for the
    # reactions that point at them): no ORM objects, no unit-of-work flush per article.
    rows = [
        {
            "document_id": document_id,
            "speaker_id": speakers.id_for(statement.speaker),
            "text": statement.text,
            "kind": statement.kind,
            "cue": fit(_claims.c.cue, statement.cue),
            "mention": fit(_claims.c.mention, statement.mention),
            "span_start": statement.start,
            "span_end": statement.end,
            "said_on": statement.said_on or article.published_on,
            "confidence": statement.confidence,
        }
        for statement in extraction.statements
    ]
    if not rows:
        return []
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return list(conn.execute(_INSERT_CLAIMS, rows).scalars())
    # SQLAlchemy cannot rely on the order of a multi-row RETURNING on SQLite, so it
    # would send one INSERT per claim. Instead the ids are chosen here: since its
    # document insert this transaction holds SQLite's only write lock, so max(id) + 1
    # onwards are free and stay free - the ids SQLite would have given - and the rows
    # go in as one executemany.
    first = (conn.execute(_MAX_CLAIM_ID).scalar() or 0) + 1
    for number, row in enumerate(rows):
        row["id"] = first + number
    conn.execute(_INSERT_CLAIMS_WITH_IDS, rows)
    return [row["id"] for row in rows]


def _store_mentions(session: Session, extraction: Extraction, claim_ids: list[int]) -> None:
    rows = []
    for statement, claim_id in zip(extraction.statements, claim_ids, strict=True):
        names = statement.mentions
        if names is None:  # a Statement built without extract(): look now
            names = find_mentions(statement.text, extraction.speakers)
        for name in names:
            key = fold(name)[:_MENTION_LENGTH]
            rows.append(
                {
                    "claim_id": claim_id,
                    "name": name[:_MENTION_LENGTH],
                    "key": key,
                    "last_word": last_word(key),
                }
            )
    if rows:
        session.connection().execute(_INSERT_MENTIONS, rows)  # one executemany


def _store_reactions(
    session: Session,
    document_id: int,
    extraction: Extraction,
    speakers: SpeakerResolver,
    claim_ids: list[int],
) -> int:
    rows = []
    for found in extraction.reactions:
        target_claim = found.target_statement
        in_range = target_claim is not None and 0 <= target_claim < len(claim_ids)
        rows.append(
            {
                "document_id": document_id,
                "reactor_id": speakers.id_for(found.reactor),
                "target_claim_id": claim_ids[target_claim] if in_range else None,
                "target_speaker_id": speakers.id_for(found.target_speaker) if found.target_speaker else None,
                "stance": found.stance,
                "cue": fit(_reactions.c.cue, found.cue),
                "text": found.text,
                "span_start": found.start,
                "span_end": found.end,
            }
        )
    if rows:
        session.connection().execute(_INSERT_REACTIONS, rows)  # one executemany
    return len(rows)
