"""Claims: filters, sort orders, the listing and one claim with its reactions."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload

from app.models import Claim, Document
from app.queries.context import sentence_context
from app.queries.filters import conditions
from app.queries.pagination import Page, SortKey, paginate
from app.queries.reactions import reaction_loads
from app.queries.speakers import MAX_ID, speaker_named

# The day a claim was made: its own date, else the day its article was published.
CLAIM_DAY = func.coalesce(Claim.said_on, Document.published_on)

CLAIM_SORTS = {
    "-said_on": SortKey(
        name="-said_on",
        column=Claim.said_on,
        id_column=Claim.id,
        attribute="said_on",
        value_type=date,
        descending=True,
        nullable=True,
    ),
    "said_on": SortKey(
        name="said_on",
        column=Claim.said_on,
        id_column=Claim.id,
        attribute="said_on",
        value_type=date,
        nullable=True,
    ),
    "-confidence": SortKey(
        name="-confidence",
        column=Claim.confidence,
        id_column=Claim.id,
        attribute="confidence",
        value_type=float,
        descending=True,
    ),
    "confidence": SortKey(
        name="confidence",
        column=Claim.confidence,
        id_column=Claim.id,
        attribute="confidence",
        value_type=float,
    ),
}
DEFAULT_CLAIM_SORT = "-said_on"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFilters:
    speaker: tuple[str, ...] = ()
    speaker_id: int | None = None
    document: tuple[int, ...] = ()
    kind: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None


CLAIM_CONDITIONS = {
    "speaker": lambda term: speaker_named(Claim.speaker_id, term),
    "speaker_id": lambda speaker_id: Claim.speaker_id == speaker_id,
    "document": lambda document_id: Claim.document_id == document_id,
    "kind": lambda kind: Claim.kind == kind,
    "since": lambda day: CLAIM_DAY >= day,
    "until": lambda day: CLAIM_DAY <= day,
}


def claims_statement(filters: ClaimFilters) -> Select[tuple[Claim]]:
    """Select claims matching `filters`, with speaker and document summary loaded."""
    return (
        select(Claim)
        .join(Claim.document)
        .where(*conditions(filters, CLAIM_CONDITIONS))
        .options(
            contains_eager(Claim.document).load_only(
                Document.id, Document.title, Document.source, Document.published_on
            ),
            joinedload(Claim.speaker),
        )
    )


def list_claims(
    *,
    session: Session,
    filters: ClaimFilters,
    sort: str = DEFAULT_CLAIM_SORT,
    limit: int,
    cursor: str | None,
    count: bool = False,
) -> Page[Claim]:
    """List claims matching `filters` in `sort` order, one page after `cursor`."""
    return paginate(
        session, claims_statement(filters), sort=CLAIM_SORTS[sort], limit=limit, cursor=cursor, count=count
    )


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
        )
    )


def claim_context(*, claim: Claim) -> str:
    """Return the sentence(s) of the claim's article around its span."""
    return sentence_context(claim.document.text, claim.span_start, claim.span_end)
