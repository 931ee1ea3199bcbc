"""Streamed exports: rows go out as CSV or NDJSON while the database cursor is read."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi.responses import StreamingResponse
from pydantic import BaseModel

NDJSON = "application/x-ndjson"
CHUNK_BYTES = 64 * 1024  # rows are sent in messages of about this size, not one per row
CSV = "text/csv; charset=utf-8"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _ndjson_lines(rows: Iterable[Any], schema: type[BaseModel]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    size = 0
    for row in rows:
        line = schema.model_validate(row).model_dump_json(exclude={"snippet"}).encode() + b"\n"
        chunk.append(line)
        size += len(line)
        if size >= CHUNK_BYTES:
            yield b"".join(chunk)
            chunk, size = [], 0
    if chunk:
        yield b"".join(chunk)


def _csv_lines(rows: Iterable[Any], schema: type[BaseModel], columns: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(_flatten(schema.model_validate(row).model_dump(mode="json")))
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def ndjson_response(rows: Iterable[Any], schema: type[BaseModel], filename: str) -> StreamingResponse:
    """Stream `rows` as one JSON object per line, each shaped like a listing item."""
    return StreamingResponse(_ndjson_lines(rows, schema), media_type=NDJSON, headers=_attachment(filename))


def csv_response(
    rows: Iterable[Any], schema: type[BaseModel], columns: list[str], filename: str
) -> StreamingResponse:
    """Stream `rows` as CSV with a header; nested fields become `parent_child` columns."""
    return StreamingResponse(_csv_lines(rows, schema, columns), media_type=CSV, headers=_attachment(filename))


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
