"""Streamed exports: rows go out as CSV or NDJSON while the database cursor is read.

Rows arrive as plain tuples in batches (app.queries.exports). CSV is written by the
csv module straight from them; an NDJSON line is the listing item's JSON, built as a
dict in the schema's field order and serialised by pydantic-core, the serialiser
behind `model_dump_json`, so both give the same bytes.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from fastapi.responses import StreamingResponse
from pydantic_core import to_json

NDJSON = "application/x-ndjson"
CHUNK_BYTES = 64 * 1024  # rows are sent in messages of about this size, not one per row
CSV = "text/csv; charset=utf-8"
_CSV_SLICE = 64  # rows written between two checks of the buffer's size

Batches = Iterable[Sequence[Sequence[Any]]]


def _ndjson_lines(batches: Batches, item: Callable[[Sequence[Any]], dict[str, Any]]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    size = 0
    for rows in batches:
        for row in rows:
            line = to_json(item(row)) + b"\n"
            chunk.append(line)
            size += len(line)
            if size >= CHUNK_BYTES:
                yield b"".join(chunk)
                chunk, size = [], 0
    if chunk:
        yield b"".join(chunk)


def _projected(batches: Batches, indexes: list[int]) -> Iterator[list[tuple[Any, ...]]]:
    pick = itemgetter(*indexes)
    for rows in batches:
        yield [pick(row) for row in rows]


def _csv_lines(batches: Batches, columns: Sequence[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for rows in batches:
        for start in range(0, len(rows), _CSV_SLICE):
            writer.writerows(rows[start : start + _CSV_SLICE])
            if buffer.tell() >= CHUNK_BYTES:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


def ndjson_response(
    batches: Batches, item: Callable[[Sequence[Any]], dict[str, Any]], filename: str
) -> StreamingResponse:
    """Stream each row as one JSON object per line, shaped by `item` like a listing item."""
    return StreamingResponse(_ndjson_lines(batches, item), media_type=NDJSON, headers=_attachment(filename))


def csv_response(
    batches: Batches, names: Sequence[str], columns: Sequence[str], filename: str
) -> StreamingResponse:
    """Stream the rows, whose columns are `names`, as CSV of `columns` after a header line."""
    if list(columns) != list(names):
        batches = _projected(batches, [names.index(column) for column in columns])
    return StreamingResponse(_csv_lines(batches, columns), media_type=CSV, headers=_attachment(filename))


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
