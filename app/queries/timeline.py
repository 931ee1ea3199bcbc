"""A speaker's claims and reactions counted per day, ISO week or month."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.models import Claim, Document, Reaction
from app.queries.facets import period

INTERVALS = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class TimelineBucket:
    period: str
    start: date
    claims: int
    reactions: int


@dataclass(frozen=True, slots=True)
class Timeline:
    buckets: list[TimelineBucket]
    undated_claims: int
    undated_reactions: int


def _within(column: Any, since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    bounds = [] if since is None else [column >= since]
    return bounds if until is None else [*bounds, column <= until]


def _per_day(statement: Select[Any], day: Any) -> Select[Any]:
    return statement.add_columns(day, func.count()).group_by(day)


def speaker_timeline(
    *, session: Session, speaker_id: int, interval: str, since: date | None = None, until: date | None = None
) -> Timeline:
    """Count a speaker's claims and reactions per `interval`, oldest first."""
    # Each count is grouped by day in SQL (the dated claims straight from the
    # (speaker_id, said_on) index) and added up into periods by the facets' own
    # bucketing: a speaker has at most a few thousand distinct days.
    # A claim's date is said_on, else its article's; a reaction's is its article's.
    dated_claims = _per_day(
        select()
        .select_from(Claim)
        .where(
            Claim.speaker_id == speaker_id, Claim.said_on.is_not(None), *_within(Claim.said_on, since, until)
        ),
        Claim.said_on,
    )
    undated_claims = _per_day(
        select().select_from(Claim).join(Document, Document.id == Claim.document_id).where(
            Claim.speaker_id == speaker_id, Claim.said_on.is_(None),
            *_within(Document.published_on, since, until),
        ),
        Document.published_on,
    )  # fmt: skip
    reactions = _per_day(
        select()
        .select_from(Reaction)
        .join(Document, Document.id == Reaction.document_id)
        .where(Reaction.reactor_id == speaker_id, *_within(Document.published_on, since, until)),
        Document.published_on,
    )
    claim_days = [*session.execute(dated_claims), *session.execute(undated_claims)]
    claim_counts, no_date_claims = _by_period(claim_days, interval)
    reaction_counts, no_date_reactions = _by_period(session.execute(reactions), interval)
    starts = sorted({*claim_counts, *reaction_counts}, key=lambda key: key[1])
    buckets = [
        TimelineBucket(period=label, start=start, claims=claim_counts[label, start],
                       reactions=reaction_counts[label, start])
        for label, start in starts
    ]  # fmt: skip
    return Timeline(buckets=buckets, undated_claims=no_date_claims, undated_reactions=no_date_reactions)


def _by_period(days: Iterable[Any], interval: str) -> tuple[Counter[tuple[str, date]], int]:
    totals: Counter[tuple[str, date]] = Counter()
    undated = 0
    for day, n in days:
        if day is None:
            undated += n
        else:
            totals[period(day, interval)] += n
    return totals, undated
