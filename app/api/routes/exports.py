"""Exports of claims and reactions as CSV or NDJSON, with the listings' filters, streamed.

Every export runs without the API's per-statement time limit but within its own
(app.queries.exports.TIME_LIMIT_S, 10 minutes); one that runs past it is broken off,
so the client sees an incomplete download, never a silently shortened file.
"""

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.params import ClaimFiltersDep, ClaimSortDep, ReactionFiltersDep, ReactionSortDep
from app.api.streams import CSV, NDJSON, csv_response, ndjson_response
from app.queries.exports import claims_export, export_batches, reactions_export

router = APIRouter()

CLAIM_COLUMNS = (
    "id", "text", "kind", "cue", "mention", "speaker_id", "speaker_name", "speaker_slug",
    "document_id", "document_title", "document_source", "document_published_on",
    "span_start", "span_end", "said_on", "confidence",
)  # fmt: skip
REACTION_COLUMNS = (
    "id", "text", "stance", "cue", "reactor_id", "reactor_name", "reactor_slug",
    "target_claim_id", "target_speaker_id", "target_speaker_name", "target_speaker_slug",
    "document_id", "document_title", "span_start", "span_end",
)  # fmt: skip


def _claim_item(row: Sequence[Any]) -> dict[str, Any]:
    """A claims_export row as the ClaimRead item a listing shows (no snippet)."""
    (id_, text, kind, cue, mention, speaker_id, speaker_name, speaker_slug,
     document_id, title, source, published_on, start, end, said_on, confidence) = row  # fmt: skip
    return {
        "id": id_, "text": text, "kind": kind, "cue": cue, "mention": mention,
        "speaker": {"id": speaker_id, "name": speaker_name, "slug": speaker_slug},
        "document": {"id": document_id, "title": title, "source": source, "published_on": published_on},
        "span": {"start": start, "end": end}, "said_on": said_on, "confidence": confidence,
    }  # fmt: skip


def _reaction_item(row: Sequence[Any]) -> dict[str, Any]:
    """A reactions_export row as the ReactionRead item a listing shows (no snippet)."""
    (id_, text, stance, cue, reactor_id, reactor_name, reactor_slug, claim_id, target_id,
     target_name, target_slug, document_id, title, source, published_on, start, end) = row  # fmt: skip
    target = None if target_id is None else {"id": target_id, "name": target_name, "slug": target_slug}
    return {
        "id": id_, "text": text, "stance": stance, "cue": cue,
        "reactor": {"id": reactor_id, "name": reactor_name, "slug": reactor_slug},
        "target": {"claim_id": claim_id, "speaker": target},
        "document": {"id": document_id, "title": title, "source": source, "published_on": published_on},
        "span": {"start": start, "end": end},
    }  # fmt: skip


def _streamed(media_type: str, what: str) -> dict:
    return {
        "response_class": StreamingResponse,
        "responses": {200: {"content": {media_type: {}}, "description": f"Every matching {what}, streamed."},
                      **problem_responses(422)},
    }  # fmt: skip


@router.get("/claims.csv", tags=["claims"], summary="Export claims as CSV", **_streamed(CSV, "claim"))
def export_claims_csv(session: SessionDep, filters: ClaimFiltersDep, sort: ClaimSortDep) -> StreamingResponse:
    """Export every claim matching the /claims filters as CSV, one row per claim."""
    export = claims_export(session=session, filters=filters, sort=sort)
    return csv_response(export_batches(session, export), export.columns, CLAIM_COLUMNS, "claims.csv")


@router.get(
    "/claims.ndjson", tags=["claims"], summary="Export claims as NDJSON", **_streamed(NDJSON, "claim")
)
def export_claims_ndjson(
    session: SessionDep, filters: ClaimFiltersDep, sort: ClaimSortDep
) -> StreamingResponse:
    """Export every claim matching the /claims filters, one JSON item per line."""
    export = claims_export(session=session, filters=filters, sort=sort)
    return ndjson_response(export_batches(session, export), _claim_item, "claims.ndjson")


@router.get(
    "/reactions.csv", tags=["reactions"], summary="Export reactions as CSV", **_streamed(CSV, "reaction")
)
def export_reactions_csv(
    session: SessionDep, filters: ReactionFiltersDep, sort: ReactionSortDep
) -> StreamingResponse:
    """Export every reaction matching the /reactions filters as CSV, one row per reaction."""
    export = reactions_export(session=session, filters=filters, sort=sort)
    return csv_response(export_batches(session, export), export.columns, REACTION_COLUMNS, "reactions.csv")


@router.get(
    "/reactions.ndjson",
    tags=["reactions"],
    summary="Export reactions as NDJSON",
    **_streamed(NDJSON, "reaction"),
)
def export_reactions_ndjson(
    session: SessionDep, filters: ReactionFiltersDep, sort: ReactionSortDep
) -> StreamingResponse:
    """Export every reaction matching the /reactions filters, one JSON item per line."""
    export = reactions_export(session=session, filters=filters, sort=sort)
    return ndjson_response(export_batches(session, export), _reaction_item, "reactions.ndjson")
