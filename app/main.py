"""create_app(): wiring only - routers, error handlers, middleware and offline docs."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi_offline import FastAPIOffline

from app.api.caching import ConditionalGetMiddleware
from app.api.ceiling import install_ceiling
from app.api.deps import Database, current_settings
from app.api.errors import install_error_handlers
from app.api.limits import install_database_error_handler
from app.api.middleware import flush_access_log, install_middleware
from app.api.openapi import install_openapi
from app.api.response_cache import ResponseCacheMiddleware
from app.api.router import TAGS, api_router
from app.config import Settings, get_settings

DESCRIPTION = (
    "A queryable record of who said what, when, and who reacted, extracted from news articles. "
    "Lists are keyset-paginated: follow `next_cursor`. Errors are RFC 9457 problem+json."
)


def served_app() -> FastAPI:
    """The app `onrecord serve` runs: one per server process, for the process's whole life."""
    return create_app(freeze_at_startup=True)


def create_app(settings: Settings | None = None, *, freeze_at_startup: bool = False) -> FastAPI:
    """Build the API; `settings` (for tests) replaces get_settings() everywhere.

    `freeze_at_startup` hides what exists at start-up from the garbage collector for
    good: only for a process that serves this one app (a test building many apps
    would keep every earlier one, and its database connections, alive).
    """
    if settings is not None:
        effective = settings
    else:
        effective = get_settings()
    app = FastAPIOffline(
        title="onrecord",
        version="0.1.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=_lifespan(effective, freeze=freeze_at_startup),
    )
    if settings is not None:

        async def given_settings() -> Settings:
            return settings

        app.dependency_overrides[current_settings] = given_settings
    app.state.database = Database(effective)
    install_error_handlers(app)
    install_database_error_handler(app)
    _add_middleware(app, effective)
    install_middleware(app, effective)  # outermost: request id, headers and limits wrap everything
    app.include_router(api_router)
    if effective.bench_ceiling_body is not None:
        install_ceiling(app, effective.bench_ceiling_body)
    install_openapi(app)
    return app


def _lifespan(settings: Settings, *, freeze: bool):
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Sync routes and every query run in anyio's worker threads; each one past a
        # few per core only waits for the GIL, and lengthens every other's wait.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        if freeze:
            # What start-up built (modules, routes, schemas) lives as long as the server:
            # out of the collector's sight, a full collection under load no longer walks
            # it and stalls every request in flight.
            gc.collect()
            gc.freeze()
        yield
        flush_access_log()

    return lifespan


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    # Added innermost first: cached answers, ETags on the plain body, then CORS, then gzip.
    if not settings.read_requires_key:  # the cache answers before route dependencies run
        app.add_middleware(ResponseCacheMiddleware, settings=settings)
    app.add_middleware(ConditionalGetMiddleware, max_age=settings.cache_max_age)
    wildcard = "*" in settings.cors_origins
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=not wildcard,
        allow_methods=["GET", "HEAD", "OPTIONS", "POST", "DELETE"],
        allow_headers=["*"],
        expose_headers=["Link", "ETag"],
    )
    app.add_middleware(GZipMiddleware, minimum_size=1024)


def __getattr__(name: str) -> FastAPI:
    # `uvicorn app.main:app` works without building an app (or reading settings) at import.
    if name == "app":
        return create_app()
    raise AttributeError(name)
