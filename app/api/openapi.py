"""The OpenAPI document, adjusted so every error response is the problem+json body it is."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api.errors import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _problem_content(responses: dict[str, Any]) -> None:
    # FastAPI files every declared response under application/json and adds its own
    # 422 shape; errors are served as application/problem+json with the Problem schema.
    for status, response in responses.items():
        if status.isdigit() and int(status) >= 400:
            response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}


def install_openapi(app: FastAPI) -> None:
    """Serve an OpenAPI document whose error responses name the problem+json media type."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    _problem_content(operation.get("responses", {}))
            schemas = schema.get("components", {}).get("schemas", {})
            for unused in ("HTTPValidationError", "ValidationError"):
                schemas.pop(unused, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
