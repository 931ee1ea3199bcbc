"""Claims: filters, sort orders, the listing and one claim with its reactions."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from typing import Any

from sqlalchemy import ColumnElement, Engine, Row, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import Claim, Document, Reaction, Speaker
from app.queries import search
from app.queries.context import sentence_context
from app.queries.filters import conditions
from app.queries.mentions import claim_mentions
from app.queries.pagination import Page, SortKey, decode_cursor, encode_cursor, paginate, take_page
from app.queries.prepared import Prepared
from app.queries.reactions import reaction_loads
from app.queries.search import search_page
from app.queries.speakers import MAX_ID, SpeakerIds, cached_speakers, resolve_speakers, speaker_named


def _in_documents(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    # A subquery rather than a join, so that listings need no join to sort and stop early.
    return Claim.document_id.in_(select(Document.id).where(condition))


def _day_from(day: date) -> ColumnElement[bool]:
    """Said on or after `day`; undated claims count from their article's publication date."""
    undated = and_(Claim.said_on.is_(None), _in_documents(Document.published_on >= day))
    return or_(Claim.said_on >= day, undated)


def _day_until(day: date) -> ColumnElement[bool]:
    undated = and_(Claim.said_on.is_(None), _in_documents(Document.published_on <= day))
    return or_(Claim.said_on <= day, undated)


def _claim_sort(attribute: str, value_type: type, *, descending: bool, nullable: bool = False) -> SortKey:
    return SortKey(
        name=f"-{attribute}" if descending else attribute,
        column=getattr(Claim, attribute),
        id_column=Claim.id,
        attribute=attribute,
        value_type=value_type,
        descending=descending,
        nullable=nullable,
    )


CLAIM_SORTS = {
    sort.name: sort
    for sort in (
        _claim_sort("said_on", date, descending=True, nullable=True),
        _claim_sort("said_on", date, descending=False, nullable=True),
        _claim_sort("confidence", float, descending=True),
        _claim_sort("confidence", float, descending=False),
    )
}
DEFAULT_CLAIM_SORT = "-said_on"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFilters:
    q: str | None = None
    speaker: tuple[str, ...] = ()
    speaker_ids: SpeakerIds | None = None
    speaker_id: int | None = None
    document: tuple[int, ...] = ()
    kind: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    cue: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    min_confidence: float | None = None
    has_reactions: bool | None = None


HAS_REACTIONS = exists().where(Reaction.target_claim_id == Claim.id)

CLAIM_CONDITIONS = {
    "speaker": lambda term: speaker_named(Claim.speaker_id, term),
    "speaker_ids": lambda found: Claim.speaker_id.in_(found.ids),
    "speaker_id": lambda speaker_id: Claim.speaker_id == speaker_id,
    "document": lambda document_id: Claim.document_id == document_id,
    "kind": lambda kind: Claim.kind == kind,
    "since": _day_from,
    "until": _day_until,
    "cue": lambda cue: func.lower(Claim.cue) == cue.strip().lower(),
    "outlet": lambda outlet: _in_documents(Document.outlet == outlet),
    "mentions": claim_mentions,
    "min_confidence": lambda confidence: Claim.confidence >= confidence,
    "has_reactions": lambda flag: HAS_REACTIONS if flag else ~HAS_REACTIONS,
}


def _filter_conditions(session: Session, filters: ClaimFilters) -> list[ColumnElement[bool]]:
    if filters.speaker:
        filters = replace(
            filters, speaker=(), speaker_ids=resolve_speakers(session=session, terms=filters.speaker)
        )
    return conditions(filters, CLAIM_CONDITIONS)


def claim_conditions(*, session: Session, filters: ClaimFilters) -> list[ColumnElement[bool]]:
    """Conditions on claims for `filters`, the text search included."""
    found = _filter_conditions(session, filters)
    if filters.q:
        found.append(search.text_match(session, search.CLAIMS, search.parse_search(filters.q)))
    return found


# What a listing shows of each claim, as plain table columns, in the order claim_item
# (app.schemas.claims) reads them: a page is 50 to 500 rows read and sent once, and
# building ORM objects for them cost several times the query itself (ORM-annotated
# columns, too, cost SQLAlchemy extra work matching result columns on every execution).
_claims, _speakers, _documents = Claim.__table__.c, Speaker.__table__.c, Document.__table__.c
LISTING_COLUMNS = (
    _claims.id, _claims.text, _claims.kind, _claims.cue, _claims.mention,
    _speakers.id.label("speaker_id"), _speakers.name.label("speaker_name"),
    _speakers.slug.label("speaker_slug"),
    _documents.id.label("document_id"), _documents.title.label("document_title"),
    _documents.source.label("document_source"), _documents.published_on.label("document_published_on"),
    _claims.span_start, _claims.span_end, _claims.said_on, _claims.confidence,
)  # fmt: skip


def _listing_select() -> Select[Any]:
    return (
        select(*LISTING_COLUMNS)
        .join(Speaker.__table__, _speakers.id == _claims.speaker_id)
        # An outer join (document_id is never NULL, so the same rows) keeps SQLite from
        # starting the plan at documents: it looks each page row's document up last.
        .outerjoin(Document.__table__, _documents.id == _claims.document_id)
    )


def listing_statement(*, session: Session, filters: ClaimFilters) -> Select[Any]:
    """Select LISTING_COLUMNS of the claims matching `filters` (all but `q`)."""
    return _listing_select().where(*_filter_conditions(session, filters))


def list_claims(
    *,
    session: Session,
    filters: ClaimFilters,
    sort: str = DEFAULT_CLAIM_SORT,
    limit: int,
    cursor: str | None,
    count: bool = False,
) -> Page[Row[Any]]:
    """List claims matching `filters` in `sort` order, one page after `cursor`, as LISTING_COLUMNS rows."""

    def fetch(statement: Select[Any], key: SortKey | None = None) -> Page[Row[Any]]:
        return paginate(
            session,
            statement,
            sort=key or CLAIM_SORTS[sort],
            limit=limit,
            cursor=cursor,
            count=count,
            rows=True,
        )

    statement = listing_statement(session=session, filters=filters)
    if sort == search.RELEVANCE:
        return search.ranked_page(session, statement, search.CLAIMS, filters.q, fetch)
    # said_on sorts walk ix_claims_said_on_id (or the speaker's index); confidence has none.
    by_date = sort.lstrip("-") == "said_on"
    return search_page(session, statement, search.CLAIMS, filters.q, fetch, in_index_order=by_date)


_SAID_ON = [column.key for column in LISTING_COLUMNS].index("said_on")
_DATE_SORTS = ("-said_on", "said_on")
_UNFILTERED = ClaimFilters()


@cache
def _bounded_parts(sort: str, by_speaker: bool, resume: str) -> list[Prepared]:
    """The prepared statements of a said_on listing; `resume`: start, dated or undated.

    Built like list_claims's (SortKey.parts) with bind parameters where its values go:
    speaker_id, the cursor's after_value and after_id, and each part's row_limit.
    """
    statement = _listing_select()
    if by_speaker:
        statement = statement.where(_claims.speaker_id == bindparam("speaker_id"))
    after_id = bindparam("after_id")
    after = {"start": None, "dated": (bindparam("after_value"), after_id), "undated": (None, after_id)}[
        resume
    ]
    parts = CLAIM_SORTS[sort].parts(statement, after)
    return [Prepared(part.limit(bindparam("row_limit"))) for part in parts]


Run = Callable[[Prepared, Mapping[str, Any]], Sequence[Sequence[Any]]]


def bounded_claims_page(connection: Any, engine: Engine, **listing: Any) -> Page[Sequence[Any]] | None:
    """bounded_page on a driver connection (the API runs it on its event loop's thread)."""
    dialect = engine.dialect
    return bounded_page(lambda part, values: part.rows(connection, dialect, values), engine, **listing)


def bounded_claims_page_in(session: Session, **listing: Any) -> Page[Sequence[Any]] | None:
    """bounded_page on the session's connection: statement time limits, errors as SQLAlchemy's."""
    connection = session.connection()
    return bounded_page(lambda part, values: part.rows_via(connection, values), connection.engine, **listing)


def bounded_page(
    run: Run,
    engine: Engine,
    *,
    filters: ClaimFilters,
    sort: str,
    limit: int,
    cursor: str | None,
    count: bool = False,
) -> Page[Sequence[Any]] | None:
    """list_claims's page by prepared statements when it is bounded; else None.

    Bounded: no filter but speaker names that were looked up since the last commit
    (cached_speakers) and name at most one speaker, sorted by said_on, no count. Its
    statements walk the (speaker_id, said_on, id) or (said_on, id) index and stop after
    the page, a fraction of a millisecond at any size of database. Rows are plain
    tuples in LISTING_COLUMNS order.
    """
    if sort not in _DATE_SORTS or count or replace(filters, speaker=()) != _UNFILTERED:
        return None
    values: dict[str, Any] = {}
    if filters.speaker:
        found = cached_speakers(engine, filters.speaker)
        if found is None or len(found.ids) > 1:
            return None
        if not found.ids:
            return Page(items=[], next_cursor=None)
        values["speaker_id"] = found.ids[0]
    key = CLAIM_SORTS[sort]
    after = decode_cursor(cursor, key) if cursor else None
    resume = "start" if after is None else "undated" if after[0] is None else "dated"
    if after is not None:
        values["after_value"], values["after_id"] = after

    def run_part(part: Prepared, wanted: int) -> Sequence[Sequence[Any]]:
        return run(part, {**values, "row_limit": wanted})

    parts = _bounded_parts(sort, bool(filters.speaker), resume)
    items, more = take_page([partial(run_part, part) for part in parts], limit)
    next_cursor = encode_cursor(key, items[-1][_SAID_ON], items[-1][0]) if more else None
    return Page(items=items, next_cursor=next_cursor)


def get_claim(*, session: Session, claim_id: int) -> Claim | None:
    """Return one claim with its speaker, document and reactions loaded, or None."""
    if not 0 < claim_id <= MAX_ID:
        return None
    return session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            joinedload(Claim.speaker),
            joinedload(Claim.document),
            selectinload(Claim.reactions).options(*reaction_loads()),
            selectinload(Claim.mentions),
        )
    )


def claim_context(*, claim: Claim) -> str:
    """Return the sentence(s) of the claim's article around its span."""
    return sentence_context(claim.document.text, claim.span_start, claim.span_end)
