"""Speakers: everyone quoted or reacting, their aliases and their claims."""

from dataclasses import replace
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.api.deps import PageDep, SessionDep, SpeakerDep
from app.api.errors import problem_responses
from app.api.params import ClaimFiltersDep, ClaimSortDep, SpeakerFiltersDep
from app.queries import claims as claim_queries
from app.queries import speakers as queries
from app.queries import timeline as timeline_queries
from app.schemas.claims import ClaimPage, claim_page_json
from app.schemas.common import RowView
from app.schemas.speakers import SpeakerDetail, SpeakerPage, SpeakerTimeline, TimelineInterval

router = APIRouter(prefix="/speakers", tags=["speakers"])


@router.get("", response_model=SpeakerPage, summary="List speakers", responses=problem_responses(422))
def list_speakers(session: SessionDep, page: PageDep, filters: SpeakerFiltersDep) -> SpeakerPage:
    """List speakers by name, optionally matching `q` in a name or alias."""
    result = queries.list_speakers(
        session=session, filters=filters, limit=page.limit, cursor=page.cursor, count=page.count
    )
    page.link_next(result.next_cursor)
    return SpeakerPage.model_validate(result)


@router.get(
    "/{id_or_slug}", response_model=SpeakerDetail, summary="Get a speaker", responses=problem_responses(404)
)
def get_speaker(speaker: SpeakerDep, session: SessionDep) -> SpeakerDetail:
    """Get one speaker with aliases and how many claims and reactions they have."""
    counts = queries.speaker_counts(session=session, speaker_id=speaker.id)
    aliases = [alias.alias for alias in speaker.aliases]
    return SpeakerDetail.model_validate(
        RowView(
            speaker, aliases=aliases, claim_count=counts.claim_count, reaction_count=counts.reaction_count
        )
    )


@router.get(
    "/{id_or_slug}/claims",
    response_model=ClaimPage,
    summary="List a speaker's claims",
    responses=problem_responses(404, 422),
)
def list_speaker_claims(
    speaker: SpeakerDep, session: SessionDep, page: PageDep, filters: ClaimFiltersDep, sort: ClaimSortDep
) -> Response:
    """List one speaker's claims with the same filters and order as /claims."""
    result = claim_queries.list_claims(
        session=session,
        filters=replace(filters, speaker_id=speaker.id),
        sort=sort,
        limit=page.limit,
        cursor=page.cursor,
        count=page.count,
    )
    return page.json_response(claim_page_json(result), result.next_cursor)


@router.get(
    "/{id_or_slug}/timeline",
    response_model=SpeakerTimeline,
    summary="Count a speaker's claims and reactions over time",
    responses=problem_responses(404, 422),
)
def speaker_timeline(
    speaker: SpeakerDep,
    session: SessionDep,
    interval: Annotated[
        TimelineInterval,
        Query(description="Bucket width: day, week (ISO 8601, from Monday) or month.", examples=["month"]),
    ] = "month",
    since: Annotated[date | None, Query(description="Count from this day.", examples=["2025-01-01"])] = None,
    until: Annotated[date | None, Query(description="Count up to this day.", examples=["2025-12-31"])] = None,
) -> SpeakerTimeline:
    """Count one speaker's claims and reactions per day, week or month, oldest first."""
    timeline = timeline_queries.speaker_timeline(
        session=session, speaker_id=speaker.id, interval=interval, since=since, until=until
    )
    return SpeakerTimeline.model_validate(RowView(timeline, speaker=speaker, interval=interval))
