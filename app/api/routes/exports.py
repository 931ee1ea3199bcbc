"""Exports of claims and reactions as CSV or NDJSON, with the listings' filters, streamed."""

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.params import ClaimFiltersDep, ClaimSortDep, ReactionFiltersDep
from app.api.streams import CSV, NDJSON, csv_response, ndjson_response
from app.queries.claims import stream_claims
from app.queries.reactions import stream_reactions
from app.schemas.claims import ClaimRead
from app.schemas.reactions import ReactionRead

router = APIRouter()

CLAIM_COLUMNS = [
    "id", "text", "kind", "cue", "mention", "speaker_id", "speaker_name", "speaker_slug",
    "document_id", "document_title", "document_source", "document_published_on",
    "span_start", "span_end", "said_on", "confidence",
]  # fmt: skip
REACTION_COLUMNS = [
    "id", "text", "stance", "cue", "reactor_id", "reactor_name", "reactor_slug",
    "target_claim_id", "target_speaker_id", "target_speaker_name", "target_speaker_slug",
    "document_id", "document_title", "span_start", "span_end",
]  # fmt: skip


def _streamed(media_type: str, what: str) -> dict:
    return {
        "response_class": StreamingResponse,
        "responses": {200: {"content": {media_type: {}}, "description": f"Every matching {what}, streamed."},
                      **problem_responses(422)},
    }  # fmt: skip


@router.get("/claims.csv", tags=["claims"], summary="Export claims as CSV", **_streamed(CSV, "claim"))
def export_claims_csv(session: SessionDep, filters: ClaimFiltersDep, sort: ClaimSortDep) -> StreamingResponse:
    """Export every claim matching the /claims filters as CSV, one row per claim."""
    rows = stream_claims(session=session, filters=filters, sort=sort)
    return csv_response(rows, ClaimRead, CLAIM_COLUMNS, "claims.csv")


@router.get(
    "/claims.ndjson", tags=["claims"], summary="Export claims as NDJSON", **_streamed(NDJSON, "claim")
)
def export_claims_ndjson(
    session: SessionDep, filters: ClaimFiltersDep, sort: ClaimSortDep
) -> StreamingResponse:
    """Export every claim matching the /claims filters, one JSON item per line."""
    rows = stream_claims(session=session, filters=filters, sort=sort)
    return ndjson_response(rows, ClaimRead, "claims.ndjson")


@router.get(
    "/reactions.csv", tags=["reactions"], summary="Export reactions as CSV", **_streamed(CSV, "reaction")
)
def export_reactions_csv(session: SessionDep, filters: ReactionFiltersDep) -> StreamingResponse:
    """Export every reaction matching the /reactions filters as CSV, one row per reaction."""
    rows = stream_reactions(session=session, filters=filters)
    return csv_response(rows, ReactionRead, REACTION_COLUMNS, "reactions.csv")


@router.get(
    "/reactions.ndjson",
    tags=["reactions"],
    summary="Export reactions as NDJSON",
    **_streamed(NDJSON, "reaction"),
)
def export_reactions_ndjson(session: SessionDep, filters: ReactionFiltersDep) -> StreamingResponse:
    """Export every reaction matching the /reactions filters, one JSON item per line."""
    rows = stream_reactions(session=session, filters=filters)
    return ndjson_response(rows, ReactionRead, "reactions.ndjson")
