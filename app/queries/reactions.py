"""Reactions: filters on reactor, target speaker, document and stance, and the listing."""

from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session, joinedload

from app.models import Claim, Document, Reaction
from app.queries import search
from app.queries.filters import conditions
from app.queries.pagination import Page, SortKey, paginate
from app.queries.search import search_page
from app.queries.speakers import SpeakerIds, resolve_speakers

BY_ID = SortKey(name="id", column=Reaction.id, id_column=Reaction.id, attribute="id", value_type=int)
REACTION_SORTS = (BY_ID.name, search.RELEVANCE)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReactionFilters:
    q: str | None = None
    document: tuple[int, ...] = ()
    reactor: tuple[str, ...] = ()
    target_speaker: tuple[str, ...] = ()
    stance: tuple[str, ...] = ()
    reactor_ids: SpeakerIds | None = None
    target_ids: SpeakerIds | None = None


def _targets(found: SpeakerIds) -> ColumnElement[bool]:
    # The target is the named speaker, or else the speaker of the targeted claim.
    claims_by_speaker = select(Claim.id).where(Claim.speaker_id.in_(found.ids))
    return or_(Reaction.target_speaker_id.in_(found.ids), Reaction.target_claim_id.in_(claims_by_speaker))


REACTION_CONDITIONS = {
    "document": lambda document_id: Reaction.document_id == document_id,
    "reactor_ids": lambda found: Reaction.reactor_id.in_(found.ids),
    "target_ids": _targets,
    "stance": lambda stance: Reaction.stance == stance,
}


def _resolved(session: Session, filters: ReactionFilters) -> ReactionFilters:
    """Replace speaker names by the ids they match, looked up once (see resolve_speakers)."""
    return replace(
        filters,
        reactor=(),
        target_speaker=(),
        reactor_ids=resolve_speakers(session=session, terms=filters.reactor) if filters.reactor else None,
        target_ids=resolve_speakers(session=session, terms=filters.target_speaker)
        if filters.target_speaker
        else None,
    )


def reaction_loads():
    """Loader options a reaction item needs: reactor, target and document summary."""
    return (
        joinedload(Reaction.reactor),
        joinedload(Reaction.target_speaker),
        joinedload(Reaction.target_claim).joinedload(Claim.speaker),
        joinedload(Reaction.document).load_only(
            Document.id, Document.title, Document.source, Document.published_on
        ),
    )


def reactions_statement(*, session: Session, filters: ReactionFilters) -> Select[tuple[Reaction]]:
    """Select reactions matching `filters` (all but `q`) with what an item shows loaded."""
    where = conditions(_resolved(session, filters), REACTION_CONDITIONS)
    return select(Reaction).where(*where).options(*reaction_loads())


def list_reactions(
    *,
    session: Session,
    filters: ReactionFilters,
    sort: str = BY_ID.name,
    limit: int,
    cursor: str | None,
    count: bool = False,
) -> Page[Reaction]:
    """List reactions matching `filters` in the order they were stored, or best match first."""

    def fetch(statement: Select[tuple[Reaction]], key: SortKey = BY_ID) -> Page[Reaction]:
        return paginate(session, statement, sort=key, limit=limit, cursor=cursor, count=count)

    statement = reactions_statement(session=session, filters=filters)
    if sort == search.RELEVANCE:
        return search.ranked_page(session, statement, search.REACTIONS, filters.q, fetch)
    return search_page(session, statement, search.REACTIONS, filters.q, fetch)
