"""Pure ASGI middleware: request id, access log and security headers; body-size limit; query time limit.

Pure ASGI rather than BaseHTTPMiddleware so that streamed bodies stay streamed and
context variables reach the route. Order, outermost first:

    RequestContextMiddleware   X-Request-ID, one JSON log line, security headers, crash -> 500
    BodySizeLimitMiddleware    413 from Content-Length, or as soon as the streamed body passes it
    QueryTimeLimitMiddleware   the time limit for each SQL statement (app.querytime)
"""

import atexit
import json
import logging
import random
import re
import sys
import threading
import time
from typing import TextIO

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import problem, unexpected_error
from app.config import Settings
from app.querytime import query_time_limit

REQUEST_ID = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
# The offline Swagger UI and ReDoc pages load local scripts and styles, and run inline ones.
DOCS_PREFIXES = ("/docs", "/redoc", "/static-offline-docs")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = "frame-ancestors 'none'"
access_log = logging.getLogger("onrecord.access")


def install_middleware(app: FastAPI, settings: Settings) -> None:
    """Add the three middlewares; call after any other `add_middleware` so these wrap them."""
    app.add_middleware(QueryTimeLimitMiddleware, limit_ms=settings.query_timeout_ms)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)
    _ensure_access_log_handler()


def _ensure_access_log_handler() -> None:
    # uvicorn configures only its own loggers; give ours one plain line per record.
    if not access_log.handlers:
        handler = BatchedLines()
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)


def flush_access_log() -> None:
    """Write out the access lines still waiting: at shutdown, before uvicorn re-raises SIGTERM
    (which ends the process without running atexit handlers)."""
    for handler in access_log.handlers:
        handler.flush()


class BatchedLines(logging.Handler):
    """Write log lines to stderr in batches, every FLUSH_SECONDS, from a thread of their own.

    A write on the event loop's thread lets go of the GIL, and under load getting it
    back took longer than the rest of the request; so does waking a writer thread for
    every line. Lines wait at most FLUSH_SECONDS, and are written at exit.
    """

    FLUSH_SECONDS = 0.2

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        self.stream = stream or sys.stderr  # bound now, as logging.StreamHandler does
        self.pending: list[str] = []
        self.writing = threading.Lock()
        threading.Thread(target=self._write_forever, name="onrecord-log", daemon=True).start()
        atexit.register(self.flush)

    def emit(self, record: logging.LogRecord) -> None:
        self.pending.append(self.format(record) + "\n")  # called holding self.lock

    def flush(self) -> None:
        with self.writing:  # batches go out in the order they were taken
            with self.lock:  # type: ignore[union-attr]
                lines, self.pending = self.pending, []
            if lines:
                self.stream.write("".join(lines))
                self.stream.flush()

    def _write_forever(self) -> None:
        while True:
            time.sleep(self.FLUSH_SECONDS)
            try:
                self.flush()
            except (OSError, ValueError):  # stderr closed at shutdown
                return


class RequestContextMiddleware:
    """Echo or assign X-Request-ID, add security headers, log one JSON line per request.

    An exception that escapes the app is answered here with the generic 500 problem, so
    that even that response carries the headers and the request id.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        started_at = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                _add_headers(MutableHeaders(scope=message), scope["path"], request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if response_started:
                raise
            await unexpected_error(Request(scope), exc)(scope, receive, send_with_headers)
        finally:
            _log_request(scope, status, started_at, request_id)


def _request_id(scope: Scope) -> str:
    # A client's id is kept only if it is short and plain: it goes into logs and headers.
    incoming = Headers(scope=scope).get(REQUEST_ID, "")
    if _VALID_REQUEST_ID.fullmatch(incoming):
        return incoming
    # 128 random bits, as uuid4().hex, without its read of os.urandom (a system call
    # that lets go of the GIL): a request id correlates log lines, it guards nothing.
    return f"{random.getrandbits(128):032x}"


def _add_headers(headers: MutableHeaders, path: str, request_id: str) -> None:
    headers[REQUEST_ID] = request_id
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
    is_docs = path.startswith(DOCS_PREFIXES)
    headers.setdefault("Content-Security-Policy", DOCS_CSP if is_docs else API_CSP)


def _log_request(scope: Scope, status: int, started_at: float, request_id: str) -> None:
    line = {
        "method": scope["method"],
        "path": scope["path"],
        "status": status,
        "duration_ms": round((time.perf_counter() - started_at) * 1000, 2),
        "request_id": request_id,
    }
    access_log.info(json.dumps(line))


class BodyTooLarge(HTTPException):
    """Raised from `receive` once the body passes the limit.

    An HTTPException so that FastAPI's own body parsing lets it through to the one
    problem handler instead of turning it into a 400.
    """

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {max_bytes} bytes")


class BodySizeLimitMiddleware:
    """Refuse bodies over `max_bytes`: at once by Content-Length, else while they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if response_started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The rest of the body is not read; the server closes the connection after this.
        error = BodyTooLarge(self.max_bytes)
        await problem(413, str(error.detail), headers={"Connection": "close"})(scope, receive, send)


def _declared_length(scope: Scope) -> int:
    try:
        return int(Headers(scope=scope).get("content-length", "0"))
    except ValueError:
        return 0


EXPORT_SUFFIXES = (".csv", ".ndjson")


class QueryTimeLimitMiddleware:
    """Run everything the request does under the per-statement time limit.

    Exports (/claims.csv, /reactions.ndjson ...) are exempt: they are long by design, and
    on SQLite a statement's deadline also covers every row fetched from it later.
    """

    def __init__(self, app: ASGIApp, limit_ms: int) -> None:
        self.app = app
        self.limit_ms = limit_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limited = scope["type"] == "http" and not scope["path"].endswith(EXPORT_SUFFIXES)
        with query_time_limit(self.limit_ms if limited else None):
            await self.app(scope, receive, send)
