"""Shapes shared by every resource: references, spans, pages and the problem body."""

from datetime import date
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _is_none(value: Any) -> bool:
    return value is None


class RowView:
    """An ORM row seen with extra attributes, so derived fields validate `from_attributes`."""

    def __init__(self, row: Any, **extra: Any) -> None:
        self._row = row
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


def page_view(page: Any, **item_extra: dict[int, Any]) -> Any:
    """A query-layer page whose items carry their search `snippet` and any per-id extras."""
    extras = {"snippet": page.snippets, **item_extra}

    def item_view(item: Any) -> Any:
        found = {name: values[item.id] for name, values in extras.items() if item.id in values}
        return RowView(item, **found) if found else item

    return RowView(page, items=[item_view(item) for item in page.items])


SNIPPET_FIELD = Field(
    default=None,
    exclude_if=_is_none,
    description="Only with `q`: a short HTML-escaped excerpt, matched words between <mark> and </mark>.",
    examples=["…we will restore <mark>discipline</mark>…"],
)


class Span(Schema):
    start: int = Field(description="Offset of the first character in the document's text.", examples=[120])
    end: int = Field(description="Offset just past the last character (text[start:end]).", examples=[188])


def with_span(data: Any) -> Any:
    """Expose a row's `span_start`/`span_end` as a nested `span`."""
    if isinstance(data, dict) or not hasattr(data, "span_start"):
        return data
    return RowView(data, span=Span(start=data.span_start, end=data.span_end))


class SpeakerRef(Schema):
    id: int = Field(examples=[7])
    name: str = Field(description="The fullest name the articles give.", examples=["Pete Hegseth"])
    slug: str = Field(description="URL-safe key usable wherever an id is.", examples=["pete-hegseth"])


class DocumentRef(Schema):
    id: int = Field(examples=[3])
    title: str = Field(examples=["Pentagon announces review"])
    source: str = Field(description="Where the article was read from.", examples=["articles/0001.txt"])
    published_on: date | None = Field(default=None, examples=["2025-03-14"])


class Page(Schema, Generic[T]):
    items: list[T] = Field(description="This page's items.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page.", examples=[None]
    )
    # Present only when asked for (count=true), like `snippet` (q=...).
    total: int | None = Field(
        default=None, exclude_if=_is_none, description="Number of matching items, only with `count=true`."
    )


def page_json(items: list[dict[str, Any]], next_cursor: str | None, total: int | None) -> bytes:
    """Page JSON from items already shaped like the page's item schema (see claim_item)."""
    page: dict[str, Any] = {"items": items, "next_cursor": next_cursor}
    if total is not None:
        page["total"] = total
    return orjson.dumps(page)


class ProblemParameter(BaseModel):
    parameter: str = Field(examples=["limit"])
    message: str = Field(examples=["Input should be less than or equal to 500"])


class Problem(BaseModel):
    """An RFC 9457 problem detail, served as application/problem+json."""

    type: str = Field(default="about:blank", examples=["about:blank"])
    title: str = Field(examples=["Unprocessable Content"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["limit: Input should be less than or equal to 500"])
    parameter: str | None = Field(default=None, description="The first offending parameter, if any.")
    errors: list[ProblemParameter] | None = Field(default=None, description="Every offending parameter.")
