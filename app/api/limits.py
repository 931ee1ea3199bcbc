"""Request limits checked per route, and database failures that are not the server's bug.

A statement stopped by its time limit (app.querytime) or a database too busy to answer
becomes a 503 problem; any other database error stays a generic 500.
"""

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError

from app.api.deps import SettingsDep
from app.api.errors import domain_error, unexpected_error
from app.errors import InvalidParameter, QueryTimeout, Unavailable
from app.querytime import current_limit_ms, is_timeout

SEARCH_PARAMETERS = ("q",)


async def check_parameters(request: Request, settings: SettingsDep) -> None:
    """Refuse a NUL character in any parameter, and a search text over `max_query_chars` (422).

    NUL cannot be stored in PostgreSQL text and ends a string early in SQLite's FTS5, so
    no value containing it can match anything; saying so beats a driver error.
    """
    values = [*request.query_params.multi_items(), *request.path_params.items()]
    for name, value in values:
        if "\x00" in value:
            raise InvalidParameter(name, "contains a NUL character")
        if name in SEARCH_PARAMETERS and len(value) > settings.max_query_chars:
            raise InvalidParameter(name, f"at most {settings.max_query_chars} characters, got {len(value)}")


ParameterChecks = Depends(check_parameters)


def database_error(request: Request, exc: Exception) -> JSONResponse:
    """503 for a timed-out or locked-out statement; the generic 500 for anything else."""
    assert isinstance(exc, DBAPIError)
    if is_timeout(exc):
        return domain_error(request, QueryTimeout(current_limit_ms()))
    if "database is locked" in str(exc.orig):
        return domain_error(request, Unavailable("database", "busy with a write; retry shortly"))
    return unexpected_error(request, exc)


def install_database_error_handler(app: FastAPI) -> None:
    app.add_exception_handler(DBAPIError, database_error)
