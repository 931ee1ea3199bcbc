"""Conditional GET: a weak ETag on every JSON 200 answer, 304 for a matching If-None-Match,
and Cache-Control from Settings.cache_max_age.

A pure ASGI middleware (no BaseHTTPMiddleware) that buffers only JSON bodies; streamed
exports, HTML and static files pass straight through.
"""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# hashlib lets go of the GIL while it hashes 2,048 bytes or more in one call; on the
# event loop's thread that hands the interpreter to a busy worker thread, and getting
# it back can take a whole switch interval (5 ms). Smaller pieces keep it.
_HASH_PIECE = 2047


def weak_etag(body: bytes) -> str:
    digest = hashlib.sha1(usedforsecurity=False)  # an ETag only has to change with the body
    view = memoryview(body)
    for start in range(0, len(view), _HASH_PIECE):
        digest.update(view[start : start + _HASH_PIECE])
    return 'W/"' + digest.hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """True when an If-None-Match header names `etag` (weak comparison) or is `*`."""
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag.removeprefix("W/") in candidates


class ConditionalGetMiddleware:
    def __init__(self, app: ASGIApp, max_age: int = 0) -> None:
        self.app = app
        self.cache_control = f"public, max-age={max_age}" if max_age > 0 else "no-cache"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffering_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if not self._cacheable(message):
                    start = None
                    await send(message)
                    return
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._finish(start, b"".join(chunks), if_none_match, send)

        await self.app(scope, receive, buffering_send)

    @staticmethod
    def _cacheable(start: Message) -> bool:
        headers = Headers(raw=start["headers"])
        return start["status"] == 200 and headers.get("content-type", "").startswith("application/json")

    async def _finish(self, start: Message, body: bytes, if_none_match: str | None, send: Send) -> None:
        etag = weak_etag(body)
        headers = MutableHeaders(raw=list(start["headers"]))
        headers["ETag"] = etag
        headers.setdefault("Cache-Control", self.cache_control)
        if etag_matches(if_none_match, etag):
            for name in ("content-length", "content-type"):
                if name in headers:
                    del headers[name]
            await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
