"""Dependencies: settings, a session per request, page parameters and load-or-404.

Dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency in a
worker thread, and each such hop costs more than the work itself.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from anyio.lowlevel import checkpoint
from fastapi import Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app import querytime
from app.config import Settings, get_settings
from app.db import get_engine, session_factory
from app.errors import NotFound, Unavailable
from app.models import Claim, Document, Speaker
from app.queries.claims import get_claim
from app.queries.documents import get_document
from app.queries.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.queries.speakers import get_speaker


async def current_settings() -> Settings:
    """get_settings(), or the Settings given to create_app (which overrides this)."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]
T = TypeVar("T")


def engine_for(settings: Settings) -> Engine:
    """The engine for the configured URL (built on first use), or Unavailable."""
    try:
        return get_engine(settings.database_url, settings.pool_size)
    except (OSError, SQLAlchemyError) as exc:
        raise Unavailable("database", type(exc).__name__) from exc


def get_session(settings: SettingsDep) -> Iterator[Session]:
    """Yield a session on the engine for the configured URL."""
    with session_factory(engine_for(settings))() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True, slots=True)
class Database:
    """Runs a route's whole database work, session and all, in one worker thread.

    For `async def` routes on the hot path: SessionDep in a plain route costs three
    thread hops (open, route, close) where this costs one.
    """

    settings: Settings

    async def run(self, work: Callable[[Session], T]) -> T:
        return await run_in_threadpool(self._run, work)

    def _run(self, work: Callable[[Session], T]) -> T:
        with session_factory(engine_for(self.settings))() as session:
            return work(session)

    async def inline(self, work: Callable[[Any, Engine], T | None]) -> T | None:
        """Run `work(driver_connection, engine)` on this thread, on SQLite only; None if it declines.

        Under load, handing a request to a worker thread and back cost more than the
        whole of a short read: every hop waits for the event loop's thread to let go
        of the GIL. So reads that are bounded by an index (a page of a few hundred rows
        at most, a fraction of a millisecond) run here, on the event loop's thread;
        `work` returns None for anything else, and any driver error hands the request
        back to the usual path, which reports errors in full.
        """
        engine = engine_for(self.settings)
        if engine.dialect.name != "sqlite":
            return None
        # Let the loop poll its sockets first. Requests that never wait starve some
        # connections under load (p99 at c32 went from 46 to 220 ms without this).
        await checkpoint()
        connection = engine.raw_connection()
        try:
            querytime.limit_driver_connection(connection)
            return work(connection.driver_connection, engine)
        except engine.dialect.loaded_dbapi.Error:
            return None
        finally:
            connection.close()


def database_of(request: Request) -> Database:
    """The app's Database (create_app keeps one in `app.state`): no dependency to solve per request."""
    return request.app.state.database


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
            self.response.headers["Link"] = self._link(next_cursor)

    def json_response(self, body: bytes, next_cursor: str | None) -> Response:
        return json_page_response(self.request, body, next_cursor)

    def _link(self, next_cursor: str) -> str:
        return next_link(self.request, next_cursor)


def next_link(request: Request, next_cursor: str) -> str:
    """The RFC 8288 `Link` value for the page after `next_cursor`."""
    return f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'


def json_page_response(request: Request, body: bytes, next_cursor: str | None) -> Response:
    """A page already serialised, with the `Link` header that PageParams.link_next would add."""
    headers = {"Link": next_link(request, next_cursor)} if next_cursor else None
    return Response(content=body, media_type="application/json", headers=headers)


class PageQuery(BaseModel):
    limit: int = Field(
        default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1..{MAX_LIMIT}.",
        examples=[DEFAULT_LIMIT],
    )  # fmt: skip
    cursor: str | None = Field(
        default=None,
        description="Opaque `next_cursor` from the previous page; omit for the first page.",
        examples=["eyJzIjoiLXNhaWRfb24iLCJ2IjoiMjAyNS0wMy0xMCIsImlkIjo0Mn0"],
    )
    count: bool = Field(
        default=False,
        description="Also return `total`, the number of matching items (one more query).",
        examples=[True],
    )


async def page_params(
    request: Request, response: Response, page: Annotated[PageQuery, Query()]
) -> PageParams:
    return PageParams(
        limit=page.limit, cursor=page.cursor, count=page.count, request=request, response=response
    )


PageDep = Annotated[PageParams, Depends(page_params)]


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
