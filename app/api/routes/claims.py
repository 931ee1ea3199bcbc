"""Claims: who said what, when; filtered listings and one claim with its reactions."""

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from app.api.deps import ClaimDep, DatabaseDep, PageDep, SessionDep
from app.api.errors import problem_responses
from app.api.params import ClaimFiltersDep, ClaimSortDep, FacetsDep
from app.queries import claims as queries
from app.queries import facets as facet_queries
from app.queries import related as related_queries
from app.schemas.claims import ClaimDetail, ClaimPage, RelatedClaims, claim_item, claim_page_json
from app.schemas.common import RowView
from app.schemas.facets import ClaimFacets

router = APIRouter(prefix="/claims", tags=["claims"])


@router.get("", response_model=ClaimPage, summary="List claims", responses=problem_responses(422))
async def list_claims(
    database: DatabaseDep, page: PageDep, filters: ClaimFiltersDep, sort: ClaimSortDep
) -> Response:
    """List claims, newest first, filtered by speaker, document, kind and date."""

    def listing(session: Session) -> tuple[bytes, str | None]:
        result = queries.list_claims(
            session=session, filters=filters, sort=sort, limit=page.limit, cursor=page.cursor,
            count=page.count,
        )  # fmt: skip
        return claim_page_json(result), result.next_cursor

    # The busiest route: one worker thread runs the query and serialises the page.
    body, next_cursor = await database.run(listing)
    return page.json_response(body, next_cursor)


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
