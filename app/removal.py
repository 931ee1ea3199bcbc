"""Removing a document, and with it the speakers that only it quoted.

Claims, reactions and a speaker's aliases go by the foreign keys' ON DELETE CASCADE.
A speaker is created by ingestion for the article that names them, so once no claim or
reaction refers to them they are nobody's record any more: they go in the same
transaction. Speakers that some other document still quotes, reacts to or reacts with
are kept.
"""

from sqlalchemy import delete, exists, select, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Claim, Document, Reaction, Speaker


def _speakers_in(document_id: int):
    return union(
        select(Claim.speaker_id).where(Claim.document_id == document_id),
        select(Reaction.reactor_id).where(Reaction.document_id == document_id),
        select(Reaction.target_speaker_id).where(
            Reaction.document_id == document_id, Reaction.target_speaker_id.is_not(None)
        ),
    )


def _unreferenced(speaker_ids: list[int]):
    return (
        Speaker.id.in_(speaker_ids),
        ~exists().where(Claim.speaker_id == Speaker.id),
        ~exists().where(Reaction.reactor_id == Speaker.id),
        ~exists().where(Reaction.target_speaker_id == Speaker.id),
    )


def delete_document(session: Session, document: Document) -> list[int]:
    """Delete `document` with its claims and reactions, then the speakers no one else refers to.

    Returns the ids of the speakers removed.
    """
    candidates = list(session.scalars(_speakers_in(document.id)))
    session.delete(document)
    session.flush()
    removed: list[int] = []
    if candidates:
        # Aliases go by their foreign key's ON DELETE CASCADE, in the same statement, so
        # no speaker is ever left without them. The savepoint: on PostgreSQL an ingest
        # committing a new claim for one of these speakers while this runs makes the
        # foreign key refuse the delete; those speakers are quoted again and simply stay.
        unreferenced = delete(Speaker.__table__).where(*_unreferenced(candidates)).returning(Speaker.id)
        try:
            with session.begin_nested():
                removed = sorted(session.scalars(unreferenced))
        except IntegrityError:
            removed = []
    session.commit()
    return removed
