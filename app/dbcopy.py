"""Copy a whole record from one database to another (e.g. SQLite to PostgreSQL).

Tables go in foreign-key order, rows in id order and in batches, ids kept, all in one
transaction on the target: the copy is complete or absent. The target is migrated first
and must be empty, so a copy never mixes two records.
"""

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select, text

from app import models  # noqa: F401  (registers the tables on Base.metadata)
from app.db import Base
from app.migrate import upgrade

BATCH_SIZE = 1000


class CopyError(Exception):
    """The copy cannot start; nothing was written."""


def copy_database(source: Engine, target: Engine) -> dict[str, int]:
    """Copy every table from `source` into the empty `target`; return rows copied per table."""
    upgrade(source)
    upgrade(target)
    tables = Base.metadata.sorted_tables
    counts: dict[str, int] = {}
    with source.connect() as reader, target.begin() as writer:
        for table in tables:
            if writer.scalar(select(func.count()).select_from(table)):
                raise CopyError(f"target table {table.name!r} is not empty")
        for table in tables:
            rows = reader.execution_options(yield_per=BATCH_SIZE).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            counts[table.name] = 0
            for batch in rows.mappings().partitions(BATCH_SIZE):
                writer.execute(table.insert(), [_with_zones(table, row) for row in batch])
                counts[table.name] += len(batch)
        if target.dialect.name == "postgresql":
            _reset_sequences(writer, tables)
    return counts


def _with_zones(table, row) -> dict:
    # SQLite keeps no time zone; ingestion writes UTC, so say so before PostgreSQL
    # would read a naive timestamp as server-local time.
    values = dict(row)
    for column in table.columns:
        value = values.get(column.name)
        if isinstance(value, datetime) and value.tzinfo is None and getattr(column.type, "timezone", False):
            values[column.name] = value.replace(tzinfo=UTC)
    return values


def _reset_sequences(writer, tables) -> None:
    # Rows came with explicit ids, so each serial sequence still points at 1.
    for table in tables:
        writer.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
