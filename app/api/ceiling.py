"""The benchmark's ceiling: a route of this app that answers with a fixed, precomputed body.

Mounted only when BENCH_CEILING_BODY names a file (bench/load.py sets it), never in
normal serving, and left out of the OpenAPI schema. It goes through everything a real
request does - the server settings, the whole middleware stack, routing - but does
no parameter parsing, no query and no serialisation, so it measures what the app
costs around a route: the `/claims` listing is compared against it.
"""

from pathlib import Path

from fastapi import APIRouter, FastAPI, Response

CEILING_PATH = "/_bench/ceiling"


def install_ceiling(app: FastAPI, body_file: Path) -> None:
    """Serve `body_file`'s bytes at CEILING_PATH as application/json."""
    body = body_file.read_bytes()
    router = APIRouter(include_in_schema=False)

    @router.get(CEILING_PATH)
    async def ceiling() -> Response:
        return Response(content=body, media_type="application/json")

    app.include_router(router)
