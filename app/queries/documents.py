"""Documents: filters on title and publication date, the listing, and one document."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, defer, selectinload

from app.models import Claim, Document, Reaction
from app.queries import search
from app.queries.filters import conditions
from app.queries.pagination import Page, SortKey, paginate
from app.queries.reactions import reaction_loads
from app.queries.search import search_page
from app.queries.speakers import MAX_ID

NEWEST_FIRST = SortKey(
    name="-published_on",
    column=Document.published_on,
    id_column=Document.id,
    attribute="published_on",
    value_type=date,
    descending=True,
    nullable=True,
)
DOCUMENT_SORTS = (NEWEST_FIRST.name, search.RELEVANCE)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentFilters:
    q: str | None = None
    outlet: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None


DOCUMENT_CONDITIONS = {
    "outlet": lambda outlet: Document.outlet == outlet,
    "since": lambda day: Document.published_on >= day,
    "until": lambda day: Document.published_on <= day,
}


def documents_statement(filters: DocumentFilters) -> Select[tuple[Document]]:
    """Select documents matching `filters`, without their (long) text."""
    return select(Document).where(*conditions(filters, DOCUMENT_CONDITIONS)).options(defer(Document.text))


def list_documents(
    *,
    session: Session,
    filters: DocumentFilters,
    sort: str = NEWEST_FIRST.name,
    limit: int,
    cursor: str | None,
    count: bool = False,
) -> Page[Document]:
    """List documents matching `filters`, newest published first or best match first."""

    def fetch(statement: Select[tuple[Document]], key: SortKey = NEWEST_FIRST) -> Page[Document]:
        return paginate(session, statement, sort=key, limit=limit, cursor=cursor, count=count)

    if sort == search.RELEVANCE:
        return search.ranked_page(session, documents_statement(filters), search.DOCUMENTS, filters.q, fetch)
    return search_page(session, documents_statement(filters), search.DOCUMENTS, filters.q, fetch)


def claim_counts(*, session: Session, document_ids: Iterable[int]) -> dict[int, int]:
    """Count claims per document for the given document ids (absent means none)."""
    ids = list(document_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Claim.document_id, func.count()).where(Claim.document_id.in_(ids)).group_by(Claim.document_id)
    )
    return {document_id: count for document_id, count in rows}


def get_document(*, session: Session, document_id: int) -> Document | None:
    """Return one document with its claims and reactions loaded, or None."""
    if not 0 < document_id <= MAX_ID:
        return None
    return session.scalar(
        select(Document)
        .where(Document.id == document_id)
        .options(
            selectinload(Document.claims).joinedload(Claim.speaker),
            selectinload(Document.reactions).options(*reaction_loads()),
        )
    )


def document_items_in_order(document: Document) -> tuple[list[Claim], list[Reaction]]:
    """Return the document's claims and reactions in the order they appear in the text."""

    def by_position(row: Claim | Reaction) -> tuple[int, int]:
        return row.span_start, row.id

    return sorted(document.claims, key=by_position), sorted(document.reactions, key=by_position)
