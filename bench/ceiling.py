"""A reference row, not the target: a bare ASGI app that answers every request with a fixed body.

The ceiling the issue's target is measured against is a route of onrecord itself
(app.api.ceiling, mounted when BENCH_CEILING_BODY is set), so that it goes through the
same middleware stack. This bare app, under the same uvicorn settings, shows what
uvicorn, the loop and the HTTP parser alone cost for a response of the same size, with
no middleware, no routing, no validation and no database:

    CEILING_BODY=bench/out/ceiling_body.json uvicorn ceiling:app --app-dir bench

`CEILING_BODY` is a file holding one real onrecord response, served byte for byte.
"""

import os
from pathlib import Path


def _load_body() -> bytes:
    return Path(os.environ["CEILING_BODY"]).read_bytes()


class CeilingApp:
    """Answer 200 with the precomputed body; handle lifespan so uvicorn starts quietly."""

    def __init__(self) -> None:
        self.body: bytes | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if self.body is None:
            self.body = _load_body()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(self.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.body = _load_body()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


app = CeilingApp()
