"""Dependencies: settings, a session per request, page parameters and load-or-404."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Path, Query, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.config import Settings, get_settings
from app.db import get_engine, session_factory
from app.errors import NotFound, Unavailable
from app.models import Claim, Document, Speaker
from app.queries.claims import get_claim
from app.queries.documents import get_document
from app.queries.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.queries.speakers import get_speaker

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    """Yield a session on the engine for the configured URL (built on first use)."""
    try:
        engine = get_engine(settings.database_url, settings.pool_size)
    except (OSError, SQLAlchemyError) as exc:
        raise Unavailable("database", type(exc).__name__) from exc
    with session_factory(engine)() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    cursor: str | None
    count: bool
    request: Request
    response: Response

    def link_next(self, next_cursor: str | None) -> None:
        """Announce the next page in a `Link: <...>; rel="next"` header, as well as in the body."""
        if next_cursor:
            url = self.request.url.include_query_params(cursor=next_cursor)
            self.response.headers["Link"] = f'<{url}>; rel="next"'


def page_params(
    request: Request,
    response: Response,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1..{MAX_LIMIT}.", examples=[DEFAULT_LIMIT]),
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(
            description="Opaque `next_cursor` from the previous page; omit for the first page.",
            examples=["eyJzIjoiLXNhaWRfb24iLCJ2IjoiMjAyNS0wMy0xMCIsImlkIjo0Mn0"],
        ),
    ] = None,
    count: Annotated[
        bool,
        Query(
            description="Also return `total`, the number of matching items (one more query).", examples=[True]
        ),
    ] = False,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor, count=count, request=request, response=response)


PageDep = Annotated[PageParams, Depends(page_params)]


T = TypeVar("T")


def _found(row: T | None, resource: str, key: int | str) -> T:
    """The row, or NotFound naming the resource and the key the client gave."""
    if row is None:
        raise NotFound(resource, key)
    return row


def claim_or_404(
    claim_id: Annotated[int, Path(description="The claim's id.", examples=[1])], session: SessionDep
) -> Claim:
    return _found(get_claim(session=session, claim_id=claim_id), "claim", claim_id)


def speaker_or_404(
    id_or_slug: Annotated[str, Path(description="The speaker's id or slug.", examples=["pete-hegseth"])],
    session: SessionDep,
) -> Speaker:
    return _found(get_speaker(session=session, id_or_slug=id_or_slug), "speaker", id_or_slug)


def document_or_404(
    document_id: Annotated[int, Path(description="The document's id.", examples=[1])], session: SessionDep
) -> Document:
    return _found(get_document(session=session, document_id=document_id), "document", document_id)


ClaimDep = Annotated[Claim, Depends(claim_or_404)]
SpeakerDep = Annotated[Speaker, Depends(speaker_or_404)]
DocumentDep = Annotated[Document, Depends(document_or_404)]
