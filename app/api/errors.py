"""One error shape for every failure: RFC 9457 problem details (application/problem+json).

Domain errors from app/errors.py, FastAPI's request validation errors and Starlette's
HTTP errors all become the same body; anything unexpected is a generic 500 problem,
logged here and never shown to the client.
"""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import (
    AlreadyExists,
    Forbidden,
    InvalidParameter,
    NotFound,
    OnrecordError,
    TooLarge,
    Unauthenticated,
    Unavailable,
)
from app.schemas.common import Problem

PROBLEM_JSON = "application/problem+json"
STATUS_OF: dict[type[OnrecordError], int] = {
    NotFound: 404,
    InvalidParameter: 422,
    Unavailable: 503,
    Unauthenticated: 401,
    Forbidden: 403,
    TooLarge: 413,
    AlreadyExists: 409,
}
# RFC 9110: a 401 names the scheme the client should use.
HEADERS_OF: dict[type[OnrecordError], dict[str, str]] = {Unauthenticated: {"WWW-Authenticate": "Bearer"}}
logger = logging.getLogger("onrecord.api")


def problem(
    status: int,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build the problem+json response every error handler returns."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["parameter"] = errors[0]["parameter"]
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _status_of(exc: OnrecordError) -> int:
    return next((STATUS_OF[kind] for kind in type(exc).__mro__ if kind in STATUS_OF), 400)


def domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OnrecordError)
    errors = None
    if isinstance(exc, InvalidParameter):
        errors = [{"parameter": exc.parameter, "message": exc.message}]
    headers = next((HEADERS_OF[kind] for kind in type(exc).__mro__ if kind in HEADERS_OF), None)
    return problem(_status_of(exc), str(exc), errors=errors, headers=headers)


def _parameter_of(location: tuple[Any, ...]) -> str:
    # ("query", "limit") -> limit; ("query", "kind", 0) -> kind; ("body",) -> body
    return str(location[1] if len(location) > 1 else location[0]) if location else "request"


def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"parameter": _parameter_of(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors) or "invalid request"
    return problem(422, detail, errors=errors)


def http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return problem(exc.status_code, detail, headers=exc.headers)


def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "The server met an unexpected error.")


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure to the one problem+json shape."""
    app.add_exception_handler(OnrecordError, domain_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)


PROBLEM_DESCRIPTIONS = {
    404: "No such resource.",
    422: "A parameter is invalid; the problem names it.",
    503: "The database does not answer.",
    401: "No API key, or an unknown one: send `Authorization: Bearer <key>`.",
    403: "The API key was revoked.",
    413: "The request body or the article is larger than the server accepts.",
    415: "The body is not JSON, text/plain or a multipart file upload.",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries documenting the problem body for these statuses."""
    return {status: {"model": Problem, "description": PROBLEM_DESCRIPTIONS[status]} for status in statuses}
