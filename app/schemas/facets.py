"""Facet counts for the claims a filter selects."""

from pydantic import BaseModel, Field

from app.schemas.common import Schema


class FacetBucket(Schema):
    value: str | int | None = Field(description="The value counted: a slug, kind, id or date bucket.")
    label: str | None = Field(default=None, description="A readable name for the value, when it has one.")
    count: int = Field(description="Matching claims with this value.", examples=[12])


class ClaimFacets(BaseModel):
    facets: dict[str, list[FacetBucket]] = Field(
        description="For each facet asked for, its most frequent values first.",
        examples=[{"kind": [{"value": "direct", "label": None, "count": 40}]}],
    )
