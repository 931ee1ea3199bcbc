"""Answers kept in memory while the database is unchanged: a repeated GET skips the query.

Each entry remembers the data version (app.queries.version) read before it was built and
is served only while that version still holds, and for at most MAX_AGE seconds as a
safety net; the least recently used go first past MAX_ENTRIES or MAX_TOTAL_BYTES.
Only successful JSON answers are kept, never `Cache-Control: no-store` ones
(/health). create_app installs this only when reads need no API key, since it answers
before any route dependency runs.
"""

import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

import anyio
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.db import get_engine, is_sqlite
from app.queries.version import data_version, known_data_version

MAX_ENTRIES = 1024
MAX_BODY_BYTES = 1_000_000
MAX_TOTAL_BYTES = 16_000_000  # a few hundred pages: the server should stay well under 200 MB
MAX_AGE = 30.0


@dataclass(frozen=True, slots=True)
class Entry:
    version: Hashable
    stored_at: float
    start: Message
    body: bytes


def _key(scope: Scope) -> tuple[Hashable, ...]:
    # The Host header is part of the answer: Link headers carry absolute URLs.
    host = Headers(scope=scope).get("host", "")
    return scope.get("scheme", "http"), host, scope.get("root_path", ""), scope["path"], scope["query_string"]


def _keepable(start: Message) -> bool:
    # Decided at http.response.start: exports (CSV, NDJSON) and errors pass straight through
    # and are never held in memory, however long they stream.
    headers = Headers(raw=start["headers"])
    return (
        start["status"] == 200
        and headers.get("content-type", "").startswith("application/json")
        and "no-store" not in headers.get("cache-control", "")
    )


class ResponseCacheMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        # SQLite's version is read in microseconds, without waiting on anything: on the
        # loop's thread, not in a worker thread (a hop to one and back costs more under load).
        self.version_is_cheap = is_sqlite(settings.database_url)
        self.entries: OrderedDict[tuple[Hashable, ...], Entry] = OrderedDict()
        self.total_bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        version = self._version() if self.version_is_cheap else await anyio.to_thread.run_sync(self._version)
        if version is None:
            await self.app(scope, receive, send)
            return
        key = _key(scope)
        entry = self.entries.get(key)
        if entry is not None and entry.version == version and time.monotonic() - entry.stored_at < MAX_AGE:
            self.entries.move_to_end(key)
            await send(entry.start)
            await send({"type": "http.response.body", "body": entry.body})
            return
        with known_data_version(version):  # for the caches the route keeps (speaker names)
            await self._answer_and_keep(scope, receive, send, key, version)

    def _version(self) -> Hashable | None:
        try:
            return data_version(get_engine(self.settings.database_url, self.settings.pool_size))
        except (OSError, SQLAlchemyError):  # no usable database: answer uncached, let the route say why
            return None

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[Hashable, ...], version: Hashable
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] | None = None  # None: not keeping this answer
        size = 0

        async def keeping_send(message: Message) -> None:
            nonlocal start, chunks, size
            if message["type"] == "http.response.start":
                start = message
                chunks = [] if _keepable(message) else None
            elif message["type"] == "http.response.body" and chunks is not None and start is not None:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_BODY_BYTES:
                    chunks = None  # too big to keep: stop buffering, keep streaming
                else:
                    chunks.append(body)
                    if not message.get("more_body", False):
                        self._keep(key, version, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keeping_send)

    def _keep(self, key: tuple[Hashable, ...], version: Hashable, start: Message, body: bytes) -> None:
        replaced = self.entries.pop(key, None)
        self.total_bytes -= len(replaced.body) if replaced else 0
        self.entries[key] = Entry(version, time.monotonic(), start, body)
        self.total_bytes += len(body)
        while len(self.entries) > MAX_ENTRIES or self.total_bytes > MAX_TOTAL_BYTES:
            _, evicted = self.entries.popitem(last=False)
            self.total_bytes -= len(evicted.body)
