"""PostgreSQL search: accent-folding `onrecord` configuration, stored tsvectors for claims and reactions

PostgreSQL only (SQLite's FTS5 tables already fold accents and keep their own index).

- Text search configuration `onrecord`: english, with the `unaccent` dictionary (a
  contrib extension shipped with PostgreSQL, "trusted" since 13, so a database owner
  may create it) in front of the stemmer for words with non-ASCII letters, so "montreal"
  finds "Montréal" as on SQLite. Where the extension cannot be created, `onrecord` is
  a plain copy of english and accents are kept (the only difference).
- claims.search_vector and reactions.search_vector: the text's tsvector, a stored
  generated column, under the GIN index. A page of a common word sorted by date walks
  the date index and tests each row; against a stored vector that test is cheap, where
  the expression index made it parse the text again (~20 us a row, 10 ms a page).
- documents keep an expression index (long texts; never walked row by row), now in the
  `onrecord` configuration.

Revision ID: 8059c5d773be
Revises: efd0336adc5d
Create Date: 2026-11-29 03:00:00

"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy.exc import DBAPIError

revision: str = "8059c5d773be"
down_revision: str | Sequence[str] | None = "efd0336adc5d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONFIG = "onrecord"  # app.queries.search uses this name
VECTOR_TABLES = ("claims", "reactions")
DOCUMENTS = "documents.title || ' ' || documents.text"


def _unaccent_dictionary() -> str | None:
    """Create the unaccent extension if it can be; return its dictionary's qualified name."""
    bind = op.get_bind()
    available = bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").first()
    if available is None:
        return None
    try:
        with bind.begin_nested():
            # In public, not the current schema: one copy for every schema of the database.
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    except DBAPIError:  # not allowed here: accents are kept
        return None
    schema = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace "
        "WHERE d.dictname = 'unaccent'"
    ).scalar()
    return f'"{schema}".unaccent' if schema else None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)")
    unaccent = _unaccent_dictionary()
    if unaccent:
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH {unaccent}, english_stem"
        )
    for table in VECTOR_TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, text)) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")
    op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.execute(
        f"CREATE INDEX ix_documents_search ON documents USING gin (to_tsvector('{CONFIG}'::regconfig, {DOCUMENTS}))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in VECTOR_TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        op.execute(
            f"CREATE INDEX ix_{table}_search ON {table} USING gin (to_tsvector('english'::regconfig, {table}.text))"
        )
    op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.execute(
        f"CREATE INDEX ix_documents_search ON documents USING gin (to_tsvector('english'::regconfig, {DOCUMENTS}))"
    )
    op.execute(f"DROP TEXT SEARCH CONFIGURATION {CONFIG}")
    # The unaccent extension stays: other schemas of the database may use it.
