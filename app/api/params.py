"""Filter parameters of each listing, declared once and turned into query-layer filters."""

from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from app.api.deps import PageQuery
from app.queries.claims import CLAIM_SORTS, DEFAULT_CLAIM_SORT, ClaimFilters
from app.queries.documents import DOCUMENT_SORTS, DocumentFilters
from app.queries.facets import FACETS
from app.queries.reactions import REACTION_SORTS, ReactionFilters
from app.queries.search import RELEVANCE
from app.queries.speakers import MAX_ID, SpeakerFilters
from app.schemas.claims import ClaimKind
from app.schemas.reactions import Stance
from app.schemas.speakers import SpeakerKind

SPEAKER_HELP = (
    "A speaker's id, slug or name; names match ignoring case and accents, by full name, surname "
    "or a titled form ('Defense Secretary Pete Hegseth'). Repeat for any of several."
)
SEARCH_HELP = (
    "Full-text search: words are ANDed, `OR` between alternatives, `-word` excludes, "
    '`"exact phrase"`, `prefix*`. Stemmed (budgets finds budget). Adds a `snippet` to each item.'
)
Search = Annotated[str | None, Query(description=SEARCH_HELP, examples=["discipline -budget"])]
ClaimSort = Literal[(*CLAIM_SORTS, RELEVANCE)]  # type: ignore[valid-type]
ReactionSort = Literal[REACTION_SORTS]  # type: ignore[valid-type]
DocumentSort = Literal[DOCUMENT_SORTS]  # type: ignore[valid-type]
RELEVANCE_HELP = " `relevance`: best match first, only with `q` (else a 422 naming `sort`)."

DocumentIds = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
    Query(description="A document id. Repeat for any of several.", examples=[[1]]),
]


class ClaimFilterQuery(BaseModel):
    """The claim filters, as one query-parameter model: FastAPI validates it in one call.

    Dates apply to when a claim was said, or else to its article's publication date.
    """

    q: str | None = Field(default=None, description=SEARCH_HELP, examples=["discipline -budget"])
    speaker: list[str] = Field(default=[], description=SPEAKER_HELP, examples=[["Hegseth"]])
    document: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        default=[], description="A document id. Repeat for any of several.", examples=[[1]]
    )
    kind: list[ClaimKind] = Field(
        default=[], description="Claim kind. Repeat for any of several.", examples=[["direct"]]
    )
    since: date | None = Field(
        default=None, description="On or after this ISO date.", examples=["2025-01-01"]
    )
    until: date | None = Field(
        default=None, description="On or before this ISO date.", examples=["2025-12-31"]
    )
    cue: list[str] = Field(
        default=[], description="Attribution verb, any case. Repeat for several.", examples=[["said"]]
    )
    outlet: list[str] = Field(
        default=[], description="The article's outlet. Repeat for several.", examples=[["Reuters"]]
    )
    mentions: list[Annotated[str, Field(min_length=1, max_length=255)]] = Field(
        default=[],
        description="A person, organisation or place the claim's text names, matched like `speaker` "
        "(case and accents ignored; a surname finds the full name). Repeat for any of several.",
        examples=[["NATO"]],
    )
    min_confidence: float | None = Field(
        default=None, ge=0, le=1, description="Only claims at least this confident.", examples=[0.8]
    )
    has_reactions: bool | None = Field(
        default=None,
        description="true: only claims someone reacted to; false: only the others.",
        examples=[True],
    )

    def filters(self) -> ClaimFilters:
        return ClaimFilters(
            q=self.q,
            speaker=tuple(self.speaker),
            document=tuple(self.document),
            kind=tuple(self.kind),
            since=self.since,
            until=self.until,
            cue=tuple(self.cue),
            outlet=tuple(self.outlet),
            mentions=tuple(self.mentions),
            min_confidence=self.min_confidence,
            has_reactions=self.has_reactions,
        )


class ClaimSortQuery(BaseModel):
    sort: ClaimSort = Field(  # type: ignore[valid-type]
        default=DEFAULT_CLAIM_SORT,
        description="Order: said_on or confidence, '-' for descending." + RELEVANCE_HELP,
        examples=["-said_on"],
    )


class ClaimListQuery(ClaimFilterQuery, ClaimSortQuery, PageQuery):
    """Everything `GET /claims` takes, validated at once: the busiest route has one parameter."""


async def claim_filters(query: Annotated[ClaimFilterQuery, Query()]) -> ClaimFilters:
    return query.filters()


async def claim_sort(query: Annotated[ClaimSortQuery, Query()]) -> str:
    return query.sort


async def reaction_sort(
    sort: Annotated[
        ReactionSort, Query(description="Order: `id`, as stored." + RELEVANCE_HELP, examples=["id"])
    ] = REACTION_SORTS[0],
) -> str:
    return sort


async def document_sort(
    sort: Annotated[
        DocumentSort,
        Query(
            description="Order: `-published_on`, newest first." + RELEVANCE_HELP, examples=["-published_on"]
        ),
    ] = DOCUMENT_SORTS[0],
) -> str:
    return sort


async def reaction_filters(
    q: Search = None,
    document: DocumentIds = None,
    reactor: Annotated[
        list[str] | None, Query(description="Who reacted. " + SPEAKER_HELP, examples=[["Ibáñez"]])
    ] = None,
    target_speaker: Annotated[
        list[str] | None, Query(description="Who was reacted to. " + SPEAKER_HELP, examples=[["Hegseth"]])
    ] = None,
    stance: Annotated[
        list[Stance] | None, Query(description="Stance. Repeat for any of several.", examples=[["oppose"]])
    ] = None,
) -> ReactionFilters:
    return ReactionFilters(
        q=q,
        document=tuple(document or ()),
        reactor=tuple(reactor or ()),
        target_speaker=tuple(target_speaker or ()),
        stance=tuple(stance or ()),
    )


async def document_filters(
    q: Annotated[
        str | None, Query(description=SEARCH_HELP + " Searches title and text.", examples=["pentagon"])
    ] = None,
    outlet: Annotated[
        list[str] | None, Query(description="Outlet name. Repeat for any of several.", examples=[["Reuters"]])
    ] = None,
    since: Annotated[
        date | None, Query(description="Published on or after this ISO date.", examples=["2025-01-01"])
    ] = None,
    until: Annotated[
        date | None, Query(description="Published on or before this ISO date.", examples=["2025-12-31"])
    ] = None,
) -> DocumentFilters:
    return DocumentFilters(q=q, outlet=tuple(outlet or ()), since=since, until=until)


async def speaker_filters(
    q: Annotated[
        str | None,
        Query(description="Text a name or alias contains (case and accents ignored).", examples=["heg"]),
    ] = None,
    kind: Annotated[
        list[SpeakerKind] | None,
        Query(description="Speaker kind. Repeat for several.", examples=[["person"]]),
    ] = None,
) -> SpeakerFilters:
    return SpeakerFilters(q=q, kind=tuple(kind or ()))


FacetName = Literal[tuple(FACETS)]  # type: ignore[valid-type]
DEFAULT_FACETS = ("speaker", "kind")


async def facet_names(
    facet: Annotated[
        list[FacetName] | None,
        Query(
            description="A facet to count: speaker, kind, cue, outlet, document, mentions, "
            "said_on:year, said_on:month or said_on:day. Repeat for several.",
            examples=[["speaker", "said_on:month"]],
        ),
    ] = None,
) -> list[str]:
    return list(facet or DEFAULT_FACETS)


FacetsDep = Annotated[list[str], Depends(facet_names)]
ClaimFiltersDep = Annotated[ClaimFilters, Depends(claim_filters)]
ClaimSortDep = Annotated[str, Depends(claim_sort)]
ClaimListQueryDep = Annotated[ClaimListQuery, Query()]
ReactionFiltersDep = Annotated[ReactionFilters, Depends(reaction_filters)]
ReactionSortDep = Annotated[str, Depends(reaction_sort)]
DocumentFiltersDep = Annotated[DocumentFilters, Depends(document_filters)]
DocumentSortDep = Annotated[str, Depends(document_sort)]
SpeakerFiltersDep = Annotated[SpeakerFilters, Depends(speaker_filters)]
