"""Facet counts over the claims a filter selects: by speaker, kind, cue, outlet, document
or said_on bucketed by year, month or day."""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import Session

from app.models import Claim, ClaimMention, Document, Speaker
from app.queries.claims import ClaimFilters, claim_conditions
from app.queries.search import search_errors

DATE_FORMATS = {  # unit -> (SQLite strftime, PostgreSQL to_char)
    "year": ("%Y", "YYYY"),
    "month": ("%Y-%m", "YYYY-MM"),
    "day": ("%Y-%m-%d", "YYYY-MM-DD"),
}
FACET_SIZE = 50


@dataclass(frozen=True, slots=True)
class FacetBucket:
    value: str | int | None
    count: int
    label: str | None = None


def period(day: date, unit: str) -> tuple[str, date]:
    """The `unit` bucket (year, month, week or day) that `day` falls in, as its label and first day.

    Weeks are ISO 8601 weeks, Monday to Sunday, labelled by ISO year: 2025-02-12 is in
    ('2025-W07', 2025-02-10); 2024-12-30 is in ('2025-W01', 2024-12-30).
    """
    if unit == "week":
        year, week, weekday = day.isocalendar()
        return f"{year}-W{week:02d}", day - timedelta(days=weekday - 1)
    width = len(DATE_FORMATS[unit][1])  # 'YYYY-MM' -> the first 7 characters of an ISO day
    start = day.replace(day=1) if unit == "month" else day.replace(month=1, day=1) if unit == "year" else day
    return day.isoformat()[:width], start


def _date_bucket(dialect: str, unit: str) -> ColumnElement[Any]:
    # Formats are inlined constants: a bound parameter would differ between SELECT and
    # GROUP BY, which PostgreSQL rejects.
    sqlite_format, pg_format = DATE_FORMATS[unit]
    if dialect == "postgresql":
        return func.to_char(Claim.said_on, literal_column(f"'{pg_format}'"))
    return func.strftime(literal_column(f"'{sqlite_format}'"), Claim.said_on)


# facet -> the (value, label) columns to group by, given the dialect
FACETS: dict[str, Callable[[str], tuple[ColumnElement[Any], ColumnElement[Any] | None]]] = {
    "speaker": lambda _d: (Speaker.slug, Speaker.name),
    "kind": lambda _d: (Claim.kind, None),
    "cue": lambda _d: (func.lower(Claim.cue), None),
    "outlet": lambda _d: (Document.outlet, None),
    "document": lambda _d: (Document.id, Document.title),
    "mentions": lambda _d: (ClaimMention.key, ClaimMention.name),
    **{f"said_on:{unit}": (lambda d, unit=unit: (_date_bucket(d, unit), None)) for unit in DATE_FORMATS},
}


def claim_facets(
    *, session: Session, filters: ClaimFilters, facets: Sequence[str], size: int = FACET_SIZE
) -> dict[str, list[FacetBucket]]:
    """Count the matching claims per value of each facet, most frequent first."""
    dialect = session.get_bind().dialect.name
    with search_errors():
        where = claim_conditions(session=session, filters=filters)
        return {
            name: _buckets(session, name, *FACETS[name](dialect), where, size)
            for name in dict.fromkeys(facets)
        }


def _buckets(
    session: Session,
    name: str,
    value: ColumnElement[Any],
    label: ColumnElement[Any] | None,
    where: list[ColumnElement[bool]],
    size: int,
) -> list[FacetBucket]:
    if name == "speaker":
        return _speaker_buckets(session, where, size)
    if name == "mentions":
        return _mention_buckets(session, where, size)
    if name.startswith("said_on:"):
        return _date_buckets(session, name.removeprefix("said_on:"), where, size)
    columns = [value] if label is None else [value, label]
    statement = (
        select(*columns, func.count().label("n"))
        .select_from(Claim)
        .where(*where)
        .group_by(*columns)
        .order_by(func.count().desc(), value)
        .limit(size)
    )
    if name in ("outlet", "document"):
        statement = statement.join(Claim.document)
    rows = session.execute(statement).all()
    return [
        FacetBucket(value=row[0], label=row[1] if label is not None else None, count=row[-1]) for row in rows
    ]


def _speaker_buckets(session: Session, where: list[ColumnElement[bool]], size: int) -> list[FacetBucket]:
    # Count by claims.speaker_id (the covering index), then join speakers for the
    # groups only: joining first would look up a speaker for every claim.
    counts = (
        select(Claim.speaker_id, func.count().label("n")).where(*where).group_by(Claim.speaker_id).subquery()
    )
    statement = (
        select(Speaker.slug, Speaker.name, counts.c.n)
        .join(counts, Speaker.id == counts.c.speaker_id)
        .order_by(counts.c.n.desc(), Speaker.slug)
        .limit(size)
    )
    return [FacetBucket(value=slug, label=name, count=n) for slug, name, n in session.execute(statement)]


def _mention_buckets(session: Session, where: list[ColumnElement[bool]], size: int) -> list[FacetBucket]:
    # Count by the folded key, so that "Nato" and "NATO" are one name; show the form
    # written most often, the smallest of equals.
    counts = select(ClaimMention.key, func.count().label("n")).group_by(ClaimMention.key)
    if where:
        counts = counts.where(ClaimMention.claim_id.in_(select(Claim.id).where(*where)))
    top = session.execute(counts.order_by(func.count().desc(), ClaimMention.key).limit(size)).all()
    if not top:
        return []
    forms: dict[str, Counter[str]] = {key: Counter() for key, _ in top}
    names = select(ClaimMention.key, ClaimMention.name, func.count()).where(ClaimMention.key.in_(list(forms)))
    for key, name, n in session.execute(names.group_by(ClaimMention.key, ClaimMention.name)):
        forms[key][name] += n
    return [
        FacetBucket(value=min(forms[key].items(), key=lambda item: (-item[1], item[0]))[0], count=n)
        for key, n in top
    ]


def _date_buckets(
    session: Session, unit: str, where: list[ColumnElement[bool]], size: int
) -> list[FacetBucket]:
    # Count by day (read from the said_on index, no per-row date formatting in SQL),
    # then add the days up into years or months here: there are only a few thousand.
    days = session.execute(select(Claim.said_on, func.count()).where(*where).group_by(Claim.said_on))
    totals: Counter[str | None] = Counter()
    for day, n in days:
        totals[None if day is None else period(day, unit)[0]] += n
    # Most frequent first; ties in value order, no date (NULL) before any date as SQLite sorts.
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0] is not None, item[0] or ""))
    return [FacetBucket(value=value, count=n) for value, n in ranked[:size]]
