"""Health check body."""

from typing import Literal

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: Literal["ok"] = Field(examples=["ok"])
    database: Literal["ok"] = Field(examples=["ok"])
