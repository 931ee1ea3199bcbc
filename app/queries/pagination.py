"""Keyset pagination: one helper, a capped page size, a limit+1 fetch and opaque cursors.

A cursor is urlsafe base64 of JSON `{"s": sort, "v": last sort value, "id": last id}`.
Rows added later never shift a page, because the next page starts strictly after the
last row seen rather than at an offset. NULL sort values always come last.
"""

import base64
import binascii
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from app.errors import InvalidParameter

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_CURSOR_INT = 2**62


def _as_date(value: Any) -> date:
    return date.fromisoformat(value)


def _as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("not a finite number")
    return float(value)


def _as_int(value: Any) -> int:
    # Bounded so that no database driver overflows on a forged cursor.
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_CURSOR_INT:
        raise ValueError("not an integer in range")
    return value


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


DECODERS: dict[type, Callable[[Any], Any]] = {date: _as_date, float: _as_float, int: _as_int, str: _as_str}


@dataclass(frozen=True, slots=True)
class SortKey:
    """An ordering: one column (possibly nullable), then the id as tie-break, same direction."""

    name: str
    column: Any
    id_column: Any
    attribute: str
    value_type: type
    descending: bool = False
    nullable: bool = False

    def order_by(self) -> list[ColumnElement[Any]]:
        column = self.column.desc() if self.descending else self.column.asc()
        return [column, self.id_column.desc() if self.descending else self.id_column.asc()]

    def id_after(self, last_id: int) -> ColumnElement[bool]:
        return self.id_column < last_id if self.descending else self.id_column > last_id

    def value_after(self, value: Any, last_id: int) -> ColumnElement[bool]:
        """Rows with a value strictly after (value, last_id) in this order.

        A row-value comparison, which both backends turn into an index range on (column, id).
        """
        position = tuple_(self.column, self.id_column)
        last = tuple_(*(v if isinstance(v, ColumnElement) else literal(v) for v in (value, last_id)))
        return position < last if self.descending else position > last

    def parts(self, statement: Select[Any], after: tuple[Any, int] | None = None) -> list[Select[Any]]:
        """The ordered statements that together list `statement` after `after`, NULLs last.

        A nullable column is read in two parts, rows with a value then rows without, each
        ordered the way an index on (column, id) is, so neither needs a full sort: a
        single `ORDER BY col DESC NULLS LAST` cannot use that index on PostgreSQL.
        """
        value, last_id = after if after else (None, None)
        parts = []
        if after is None or value is not None:
            part = statement.where(self.column.is_not(None)) if self.nullable else statement
            if after is not None:
                part = part.where(self.value_after(value, last_id))
            parts.append(part.order_by(*self.order_by()))
        if self.nullable:
            part = statement.where(self.column.is_(None))
            if last_id is not None and value is None:
                part = part.where(self.id_after(last_id))
            parts.append(part.order_by(self.order_by()[1]))
        return parts


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
    total: int | None = None
    snippets: dict[int, str] = field(default_factory=dict)


def encode_cursor(sort: SortKey, value: Any, last_id: int) -> str:
    """Encode the position after (value, last_id) as an opaque string."""
    if isinstance(value, date):
        value = value.isoformat()
    raw = json.dumps({"s": sort.name, "v": value, "id": last_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SortKey) -> tuple[Any, int]:
    """Decode a cursor made by `encode_cursor` for `sort`; raise InvalidParameter otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        if data["s"] != sort.name:
            raise ValueError("cursor does not belong to this listing")
        value = data["v"]
        return (None if value is None else DECODERS[sort.value_type](value)), _as_int(data["id"])
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        raise InvalidParameter("cursor", "not a cursor returned by this listing") from exc


def paginate(
    session: Session,
    statement: Select[Any],
    *,
    sort: SortKey,
    limit: int,
    cursor: str | None,
    count: bool = False,
    rows: bool = False,
) -> Page[Any]:
    """Return one page of `statement` in `sort` order after `cursor`, and the next cursor.

    Items are ORM objects when `statement` selects one entity, or with `rows` the
    statement's Row tuples (it selects columns, among them `sort.attribute` and `id`).
    """
    limit = max(1, min(limit, MAX_LIMIT))
    total = _count(session, statement) if count else None
    after = decode_cursor(cursor, sort) if cursor else None

    def run(part: Select[Any], wanted: int) -> list[Any]:
        # Rows through the session's connection: Session.execute adds ORM bookkeeping
        # that plain columns do not need.
        part = part.limit(wanted)
        return session.connection().execute(part).all() if rows else list(session.scalars(part).unique())

    items, more = take_page([partial(run, part) for part in sort.parts(statement, after)], limit)
    next_cursor = None
    if more:
        last = items[-1]
        next_cursor = encode_cursor(sort, getattr(last, sort.attribute), last.id)
    return Page(items=items, next_cursor=next_cursor, total=total)


def take_page(parts: Iterable[Callable[[int], Sequence[T]]], limit: int) -> tuple[list[T], bool]:
    """Run the parts of a listing in order, each for the rows still missing plus one.

    Returns the first `limit` rows and whether there were more (one row past the page
    is fetched to know that).
    """
    found: list[T] = []
    for run in parts:
        found.extend(run(limit + 1 - len(found)))
        if len(found) > limit:
            break
    return found[:limit], len(found) > limit


def _count(session: Session, statement: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
