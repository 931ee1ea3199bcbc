"""Reactions: who answered whom, with what stance."""

from fastapi import APIRouter

from app.api.deps import PageDep, SessionDep
from app.api.errors import problem_responses
from app.api.params import ReactionFiltersDep, ReactionSortDep
from app.queries import reactions as queries
from app.schemas.common import page_view
from app.schemas.reactions import ReactionPage

router = APIRouter(prefix="/reactions", tags=["reactions"])


@router.get("", response_model=ReactionPage, summary="List reactions", responses=problem_responses(422))
def list_reactions(
    session: SessionDep, page: PageDep, filters: ReactionFiltersDep, sort: ReactionSortDep
) -> ReactionPage:
    """List reactions filtered by document, reactor, target speaker and stance."""
    result = queries.list_reactions(
        session=session, filters=filters, sort=sort, limit=page.limit, cursor=page.cursor, count=page.count
    )
    page.link_next(result.next_cursor)
    return ReactionPage.model_validate(page_view(result))
