"""Filters as data: a table from filter name to a condition builder, applied uniformly.

A filter whose value is None or empty is skipped; a sequence of values means any of
them (OR), and different filters combine with AND.
"""

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, or_

ConditionBuilder = Callable[[Any], ColumnElement[bool]]


def conditions(filters: object, builders: Mapping[str, ConditionBuilder]) -> list[ColumnElement[bool]]:
    """Build one SQL condition per filter of `filters` that has a value."""
    found = []
    for name, build in builders.items():
        value = getattr(filters, name)
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        if isinstance(value, list | tuple):
            found.append(or_(*(build(v) for v in value)))
        else:
            found.append(build(value))
    return found
