"""full-text search: SQLite FTS5 tables with triggers, PostgreSQL GIN expression indexes

Hand-written: autogenerate cannot see these objects (app.queries.search.include_object
keeps it from dropping them). Queries rely on the exact names and expressions below.

Revision ID: 7f08c9b411ad
Revises: c1ba7b1e5376
Create Date: 2026-11-29 00:00:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "7f08c9b411ad"
down_revision: str | Sequence[str] | None = "c1ba7b1e5376"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> indexed columns; the FTS table mirrors them (external content, rowid = id).
SEARCHED = {"claims": ("text",), "reactions": ("text",), "documents": ("title", "text")}
# Porter stemming over unicode61, which also folds accents ("Ibáñez" finds "ibanez").
TOKENIZE = "porter unicode61 remove_diacritics 2"
PG_INDEXED = {
    "claims": "claims.text",
    "reactions": "reactions.text",
    "documents": "documents.title || ' ' || documents.text",
}


def _sqlite_upgrade(table: str, columns: tuple[str, ...]) -> None:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        f"tokenize='{TOKENIZE}')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, columns in SEARCHED.items():
        if dialect == "sqlite":
            _sqlite_upgrade(table, columns)
        elif dialect == "postgresql":
            op.execute(
                f"CREATE INDEX ix_{table}_search ON {table} "
                f"USING gin (to_tsvector('english'::regconfig, {PG_INDEXED[table]}))"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in SEARCHED:
        if dialect == "sqlite":
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
