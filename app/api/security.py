"""API-key checks: writes always need `Authorization: Bearer <key>`; reads when configured.

Missing or unknown key -> 401 with `WWW-Authenticate: Bearer`; revoked key -> 403.
Keys are checked against their stored hashes by app.keys.
"""

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from app.api.deps import SessionDep, SettingsDep, engine_for
from app.config import Settings
from app.db import session_factory
from app.errors import Forbidden, Unauthenticated
from app.keys import KeyStatus, check_key

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiKey",
    description="An API key from `onrecord keys create NAME`, sent as `Authorization: Bearer <key>`.",
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def require_key(credentials: BearerDep, session: SessionDep) -> None:
    """Let the request through only with an active API key."""
    if credentials is None:
        raise Unauthenticated("this request needs an API key: send `Authorization: Bearer <key>`")
    status = check_key(session, credentials.credentials)
    session.rollback()  # end the lookup's read transaction before the route's own work
    if status is KeyStatus.UNKNOWN:
        raise Unauthenticated("the API key is not valid")
    if status is KeyStatus.REVOKED:
        raise Forbidden("the API key has been revoked")


async def read_access(settings: SettingsDep, credentials: BearerDep) -> None:
    """Reads are open unless READ_REQUIRES_KEY is set; then they need a key like writes.

    Async, with a session only when a key is to be checked: open reads, nearly all of
    them, then cost no worker thread and no database connection here.
    """
    if settings.read_requires_key:
        await run_in_threadpool(_require_key_in_own_session, settings, credentials)


def _require_key_in_own_session(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    with session_factory(engine_for(settings))() as session:
        require_key(credentials, session)


RequireKey = Depends(require_key)
ReadAccess = Depends(read_access)
