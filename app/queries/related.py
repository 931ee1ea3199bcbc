"""The same statement as one claim, reported by other documents: same speaker, near-identical text."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from app.models import Claim, Document, Speaker
from app.queries.claims import LISTING_COLUMNS
from app.textnorm import near_identical, statement_key, statement_words

RELATED_LIMIT = 200
# Reports of one statement appear within days of each other; the word-overlap match reads
# the speaker's claims this close to the claim's date (through ix_claims_speaker_id_said_on_id).
NEAR_WINDOW = timedelta(days=7)
NEAR_CANDIDATES = 1000

_claims, _speakers, _documents = Claim.__table__.c, Speaker.__table__.c, Document.__table__.c


@dataclass(frozen=True, slots=True)
class RelatedClaims:
    items: Sequence[Row[Any]]  # LISTING_COLUMNS, then the document's outlet
    outlets: list[str]


def related_claims(*, session: Session, claim: Claim, limit: int = RELATED_LIMIT) -> RelatedClaims:
    """List the speaker's claims in other documents that say what `claim` says, oldest first."""
    same_speaker = (_claims.speaker_id == claim.speaker_id, _claims.document_id != claim.document_id)
    key = claim.text_key or statement_key(claim.text)
    # Equal normalised text, at any date: one index range on (speaker_id, text_key).
    ids = set(session.scalars(select(_claims.id).where(*same_speaker, _claims.text_key == key).limit(limit)))
    if claim.said_on is not None and len(ids) < limit:
        ids |= _near_ids(session, claim, claim.said_on, key, limit - len(ids))
    if not ids:
        return RelatedClaims(items=[], outlets=[])
    rows = session.execute(
        select(*LISTING_COLUMNS, _documents.outlet)
        .join(Speaker.__table__, _speakers.id == _claims.speaker_id)
        .join(Document.__table__, _documents.id == _claims.document_id)
        .where(_claims.id.in_(ids))
    ).all()
    # Sorted here: SQLite and PostgreSQL place NULL dates at opposite ends.
    rows.sort(key=lambda row: (row.said_on or row.document_published_on or date.max, row.id))
    outlets = sorted({row.outlet for row in rows if row.outlet})
    return RelatedClaims(items=rows, outlets=outlets)


def _near_ids(session: Session, claim: Claim, said_on: date, key: str, limit: int) -> set[int]:
    # Candidates whose key differs, kept when their word sets overlap enough.
    nearby = session.execute(
        select(_claims.id, _claims.text)
        .where(
            _claims.speaker_id == claim.speaker_id,
            _claims.document_id != claim.document_id,
            _claims.said_on.between(said_on - NEAR_WINDOW, said_on + NEAR_WINDOW),
            or_(_claims.text_key != key, _claims.text_key.is_(None)),
        )
        .limit(NEAR_CANDIDATES)
    )
    words = frozenset(statement_words(claim.text))
    found = {claim_id for claim_id, text in nearby if near_identical(words, frozenset(statement_words(text)))}
    return set(sorted(found)[:limit])
