"""Claims: who said what, when; filtered listings and one claim with its reactions."""

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.api.deps import ClaimDep, SessionDep, database_of, json_page_response
from app.api.errors import problem_responses
from app.api.params import ClaimFiltersDep, ClaimListQueryDep, FacetsDep
from app.queries import claims as queries
from app.queries import facets as facet_queries
from app.queries import related as related_queries
from app.queries.pagination import Page
from app.schemas.claims import ClaimDetail, ClaimPage, RelatedClaims, claim_item, claim_page_json
from app.schemas.common import RowView
from app.schemas.facets import ClaimFacets

router = APIRouter(prefix="/claims", tags=["claims"])


@router.get("", response_model=ClaimPage, summary="List claims", responses=problem_responses(422))
async def list_claims(request: Request, query: ClaimListQueryDep) -> Response:
    """List claims, newest first, filtered by speaker, document, kind and date."""
    filters = query.filters()
    page = dict(sort=query.sort, limit=query.limit, cursor=query.cursor, count=query.count)

    def bounded(connection: Any, engine: Engine) -> Page[Any] | None:
        return queries.bounded_claims_page(connection, engine, filters=filters, **page)

    def listing(session: Session) -> tuple[bytes, str | None]:
        result = queries.bounded_claims_page_in(session, filters=filters, **page)
        if result is None:
            result = queries.list_claims(session=session, filters=filters, **page)
        return claim_page_json(result), result.next_cursor

    # The busiest route. On SQLite an index-bounded page is read on this thread; any other
    # page, in one worker thread that runs the queries and serialises it.
    database = database_of(request)
    found = await database.inline(bounded)
    body, next_cursor = (claim_page_json(found), found.next_cursor) if found else await database.run(listing)
    return json_page_response(request, body, next_cursor)


@router.get(
    "/facets", response_model=ClaimFacets, summary="Count claims by facet", responses=problem_responses(422)
)
def claim_facets(session: SessionDep, filters: ClaimFiltersDep, facet: FacetsDep) -> ClaimFacets:
    """Count the matching claims by speaker, kind, cue, outlet, document or date bucket."""
    counts = facet_queries.claim_facets(session=session, filters=filters, facets=facet)
    return ClaimFacets.model_validate({"facets": counts})


@router.get(
    "/{claim_id}", response_model=ClaimDetail, summary="Get a claim", responses=problem_responses(404, 422)
)
def get_claim(claim: ClaimDep) -> ClaimDetail:
    """Get one claim with the reactions to it and the sentences around it."""
    reactions = sorted(claim.reactions, key=lambda reaction: reaction.id)
    context = queries.claim_context(claim=claim)
    mentions = [mention.name for mention in claim.mentions]
    return ClaimDetail.model_validate(RowView(claim, reactions=reactions, context=context, mentions=mentions))


@router.get(
    "/{claim_id}/related",
    response_model=RelatedClaims,
    summary="Find the same statement in other documents",
    responses=problem_responses(404, 422),
)
def related_claims(claim: ClaimDep, session: SessionDep) -> RelatedClaims:
    """List the speaker's near-identical claims in other documents and their outlets."""
    related = related_queries.related_claims(session=session, claim=claim)
    items = [claim_item(row[: len(row) - 1]) for row in related.items]  # the outlet last
    return RelatedClaims.model_validate(
        {"claim_id": claim.id, "count": len(items), "outlets": related.outlets, "items": items}
    )
