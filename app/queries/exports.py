"""Exports: every matching row as a plain tuple of columns, read through a streaming cursor.

A listing builds ORM objects and validates each through its schema; at a million rows
that was most of an export's time. Here one Core SELECT joins what an item shows and
returns tuples in the export's column order, fetched `batch` at a time (a server-side
cursor on PostgreSQL, SQLite's own stepping otherwise), so memory stays flat.

The order and the filters are the listings': the same sort parts (NULL dates last) and
the same conditions, `q` included.
"""

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Result, Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from app.models import Claim, Document, Reaction, Speaker
from app.queries import search
from app.queries.claims import CLAIM_SORTS, ClaimFilters, claim_conditions
from app.queries.reactions import BY_ID, ReactionFilters, reactions_statement
from app.querytime import query_time_limit

BATCH = 5000  # rows per fetch: few round trips, and still only a few MB in memory
# An export is long by design, so it runs without the API's per-statement limit, but
# not without any: its statements and the whole stream get this much wall-clock time.
# A million rows take seconds; what it stops is a reader that holds the database's
# snapshot (and a connection) open for hours.
TIME_LIMIT_S = 600


class ExportTooLong(Exception):
    """The export ran past TIME_LIMIT_S; the stream is broken off, not quietly cut short."""


@dataclass(frozen=True, slots=True)
class Export:
    """Column names, and the statements whose rows, one after the other, are the export."""

    columns: tuple[str, ...]
    parts: list[Select[Any]]


def _labelled(columns: dict[str, ColumnElement[Any]]) -> list[ColumnElement[Any]]:
    return [column.label(name) for name, column in columns.items()]


def _claim_columns() -> dict[str, ColumnElement[Any]]:
    return {
        "id": Claim.id, "text": Claim.text, "kind": Claim.kind, "cue": Claim.cue, "mention": Claim.mention,
        "speaker_id": Speaker.id, "speaker_name": Speaker.name, "speaker_slug": Speaker.slug,
        "document_id": Document.id, "document_title": Document.title, "document_source": Document.source,
        "document_published_on": Document.published_on,
        "span_start": Claim.span_start, "span_end": Claim.span_end,
        "said_on": Claim.said_on, "confidence": Claim.confidence,
    }  # fmt: skip


def claims_export(*, session: Session, filters: ClaimFilters, sort: str) -> Export:
    """The claims matching `filters` in `sort` order, as ClaimRead's flattened columns."""
    columns = _claim_columns()
    ranked = sort == search.RELEVANCE
    statement = (
        select(*_labelled(columns))
        .select_from(Claim)
        .join(Speaker, Speaker.id == Claim.speaker_id)
        .join(Document, Document.id == Claim.document_id)
        # Ranking joins the matches itself, so `q` need not be tested twice.
        .where(*claim_conditions(session=session, filters=replace(filters, q=None) if ranked else filters))
    )
    if ranked:
        return Export(tuple(columns), search.ranked_parts(session, statement, search.CLAIMS, filters.q))
    return Export(tuple(columns), CLAIM_SORTS[sort].parts(statement))


def reactions_export(*, session: Session, filters: ReactionFilters, sort: str = BY_ID.name) -> Export:
    """The reactions matching `filters` in `sort` order, as ReactionRead's flattened columns.

    The target speaker is the one named, or else the speaker of the targeted claim.
    """
    reactor, target = aliased(Speaker), aliased(Speaker)
    target_claim = aliased(Claim)
    target_id = func.coalesce(Reaction.target_speaker_id, target_claim.speaker_id)
    columns: dict[str, ColumnElement[Any]] = {
        "id": Reaction.id, "text": Reaction.text, "stance": Reaction.stance, "cue": Reaction.cue,
        "reactor_id": reactor.id, "reactor_name": reactor.name, "reactor_slug": reactor.slug,
        "target_claim_id": Reaction.target_claim_id,
        "target_speaker_id": target.id, "target_speaker_name": target.name,
        "target_speaker_slug": target.slug,
        "document_id": Document.id, "document_title": Document.title, "document_source": Document.source,
        "document_published_on": Document.published_on,
        "span_start": Reaction.span_start, "span_end": Reaction.span_end,
    }  # fmt: skip
    # The listing's own conditions (its speaker look-ups included), without its loaders.
    listed = reactions_statement(session=session, filters=filters)
    statement = (
        select(*_labelled(columns))
        .select_from(Reaction)
        .join(reactor, reactor.id == Reaction.reactor_id)
        .join(Document, Document.id == Reaction.document_id)
        .outerjoin(target_claim, target_claim.id == Reaction.target_claim_id)
        .outerjoin(target, target.id == target_id)
    )
    if listed.whereclause is not None:
        statement = statement.where(listed.whereclause)
    if sort == search.RELEVANCE:
        return Export(tuple(columns), search.ranked_parts(session, statement, search.REACTIONS, filters.q))
    if filters.q:
        statement = statement.where(
            search.text_match(session, search.REACTIONS, search.parse_search(filters.q))
        )
    return Export(tuple(columns), BY_ID.parts(statement))


def export_batches(session: Session, export: Export, *, batch: int = BATCH) -> Iterator[Sequence[Row[Any]]]:
    """Every row of `export`, in lists of up to `batch` rows, under the export's time limit.

    The first statement runs now, so that a query the database refuses (a bad search)
    fails before any byte of the response is sent.
    """
    deadline = time.monotonic() + TIME_LIMIT_S
    first, *rest = export.parts
    with search.search_errors():
        result = _execute(session, first, batch)
    return _batches(session, result, rest, batch, deadline)


def _execute(session: Session, part: Select[Any], batch: int) -> Result[Any]:
    # The limit is read when a statement starts; on SQLite it then covers every later
    # fetch from it, on PostgreSQL it is the transaction's statement_timeout (each FETCH).
    # On the session's connection, not through the Session: Core rows skip the ORM's
    # per-row loading work.
    connection = session.connection()
    with query_time_limit(TIME_LIMIT_S * 1000):
        # app.querytime sets statement_timeout through the cursor about to run the
        # statement; a server-side cursor would only DECLARE that setting, never run it,
        # so a plain statement goes first and makes it the transaction's.
        connection.exec_driver_sql("SELECT 1")
        return connection.execute(part.execution_options(yield_per=batch))


def _batches(
    session: Session, result: Result[Any], rest: list[Select[Any]], batch: int, deadline: float
) -> Iterator[Sequence[Row[Any]]]:
    for part in [None, *rest]:
        if part is not None:
            result = _execute(session, part, batch)
        for rows in result.partitions():
            if time.monotonic() > deadline:
                raise ExportTooLong(f"the export ran past its {TIME_LIMIT_S} s limit")
            yield rows
