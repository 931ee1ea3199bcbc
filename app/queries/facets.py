"""Facet counts over the claims a filter selects: by speaker, kind, cue, outlet, document
or said_on bucketed by year, month or day."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.orm import Session

from app.models import Claim, Document, Speaker
from app.queries.claims import ClaimFilters, matching_claim_ids
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


def _date_bucket(dialect: str, unit: str) -> ColumnElement[Any]:
    # Formats are inlined constants: a bound parameter would differ between SELECT and
    # GROUP BY, which PostgreSQL rejects.
    sqlite_format, pg_format = DATE_FORMATS[unit]
    if dialect == "postgresql":
        return func.to_char(Claim.said_on, literal_column(f"'{pg_format}'"))
    return func.strftime(literal_column(f"'{sqlite_format}'"), Claim.said_on)


def _grouped(value: ColumnElement[Any], label: ColumnElement[Any] | None = None) -> Select[Any]:
    columns = [value] if label is None else [value, label]
    return select(*columns, func.count().label("n")).group_by(*columns)


# facet -> builder of (SELECT value [, label], count ... GROUP BY) given the dialect
FACETS: dict[str, Callable[[str], Select[Any]]] = {
    "speaker": lambda _d: _grouped(Speaker.slug, Speaker.name).join_from(Claim, Speaker),
    "kind": lambda _d: _grouped(Claim.kind),
    "cue": lambda _d: _grouped(func.lower(Claim.cue)),
    "outlet": lambda _d: _grouped(Document.outlet).join_from(Claim, Document),
    "document": lambda _d: _grouped(Document.id, Document.title).join_from(Claim, Document),
    **{f"said_on:{unit}": (lambda d, unit=unit: _grouped(_date_bucket(d, unit))) for unit in DATE_FORMATS},
}


def claim_facets(
    *, session: Session, filters: ClaimFilters, facets: Sequence[str], size: int = FACET_SIZE
) -> dict[str, list[FacetBucket]]:
    """Count the matching claims per value of each facet, most frequent first."""
    dialect = session.get_bind().dialect.name
    with search_errors():
        matching = matching_claim_ids(session, filters)
        return {
            name: _buckets(session, FACETS[name](dialect), matching, size) for name in dict.fromkeys(facets)
        }


def _buckets(
    session: Session, grouped: Select[Any], matching: Select[tuple[int]], size: int
) -> list[FacetBucket]:
    value = grouped.selected_columns[0]
    statement = grouped.where(Claim.id.in_(matching)).order_by(func.count().desc(), value).limit(size)
    rows = session.execute(statement).all()
    return [FacetBucket(value=row[0], label=row[1] if len(row) == 3 else None, count=row[-1]) for row in rows]
