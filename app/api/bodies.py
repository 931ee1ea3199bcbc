"""One article from a request body: a JSON object, a text/plain body, or a multipart file.

Every form goes through `app.pipeline.parse.parse_file`, the reader `onrecord ingest`
uses, so a body is decoded, checked and normalised exactly like a file with the same
content. A client's `source` (or upload file name) is kept as a label only: nothing on
the server is ever opened by that name.
"""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from app.api.deps import SettingsDep
from app.errors import InvalidParameter
from app.pipeline.parse import ParseError, parse_file
from app.pipeline.types import Article

API_SOURCE = "api"  # the label of an article posted without a source or file name
JSON_NAME, TEXT_NAME = "request.json", "request.txt"
FILE_FIELD = "file"
ARTICLE_JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "title": {"type": "string", "examples": ["Pentagon announces review"]},
        "text": {
            "type": "string",
            "minLength": 1,
            "description": "The article body; `body` is accepted as another name for it.",
            "examples": ['"We will restore discipline," Defense Secretary Pete Hegseth said.'],
        },
        "published": {"type": "string", "format": "date", "examples": ["2025-03-14"]},
        "source": {
            "type": "string",
            "description": "A label for where the article came from; stored as given, never opened.",
        },
        "url": {"type": "string", "description": "Used as the source label when `source` is absent."},
        "outlet": {"type": "string", "examples": ["Reuters"]},
    },
}
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "description": "One article: JSON, plain text (`***Title***` on the first line), or a file upload "
    "in any format `onrecord ingest` reads (.txt, .md, .html, .json, .jsonl).",
    "content": {
        "application/json": {"schema": ARTICLE_JSON_SCHEMA},
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": [FILE_FIELD],
                "properties": {FILE_FIELD: {"type": "string", "format": "binary"}},
            }
        },
    },
}


async def article_from_request(request: Request, settings: SettingsDep) -> Article:
    """Read and parse the body into exactly one article no longer than `max_article_chars`."""
    name, data, parameter = await _named_bytes(request)
    article = await run_in_threadpool(parse_one, name, data, parameter)
    if len(article.text) > settings.max_article_chars:
        raise InvalidParameter(
            "text", f"the article has {len(article.text)} characters; at most {settings.max_article_chars}"
        )
    return article


ArticleDep = Annotated[Article, Depends(article_from_request)]


async def _named_bytes(request: Request) -> tuple[str, bytes, str]:
    """(file name that picks the reader, body bytes, parameter to blame) for the content type."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data":
        return await _uploaded_file(request)
    if media_type == "application/json" or media_type.endswith("+json"):
        return JSON_NAME, await request.body(), "body"
    if media_type == "text/plain":
        return TEXT_NAME, await request.body(), "body"
    raise HTTPException(
        415,
        f"unsupported content type {media_type or '(none)'!r}: use application/json, "
        "text/plain or multipart/form-data",
    )


async def _uploaded_file(request: Request) -> tuple[str, bytes, str]:
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get(FILE_FIELD)
        if not isinstance(upload, UploadFile):
            raise InvalidParameter(FILE_FIELD, f"send the article as a file in the {FILE_FIELD!r} form field")
        return upload.filename or "upload", await upload.read(), FILE_FIELD


def parse_one(name: str, data: bytes, parameter: str) -> Article:
    """The single article in `data`; 422 naming `parameter` for anything else."""
    try:
        parsed = parse_file(name, data)
    except ParseError as exc:
        raise InvalidParameter(parameter, exc.reason) from exc
    if parsed.problems:
        raise InvalidParameter(parameter, "; ".join(parsed.problems))
    if len(parsed.articles) != 1:
        raise InvalidParameter(
            parameter,
            f"holds {len(parsed.articles)} articles; post one per request (or use `onrecord ingest`)",
        )
    article = parsed.articles[0]
    _refuse_nul(article)
    if article.source in (JSON_NAME, TEXT_NAME):
        article = replace(article, source=API_SOURCE)
    return article


def _refuse_nul(article: Article) -> None:
    # A JSON "\u0000" escape survives decoding; PostgreSQL cannot store NUL in text at all.
    for name in ("text", "title", "source", "outlet"):
        if "\x00" in (getattr(article, name) or ""):
            raise InvalidParameter(name, "contains a NUL character")
