"""claims.text_key: the normalised statement, for /claims/{id}/related

Revision ID: 4be612108d08
Revises: 8059c5d773be
Create Date: 2026-11-29 04:15:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.textnorm import statement_key

revision: str = "4be612108d08"
down_revision: str | Sequence[str] | None = "8059c5d773be"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_key", sa.String(length=32), nullable=True))
    _fill_text_key()
    op.create_index("ix_claims_speaker_id_text_key", "claims", ["speaker_id", "text_key"], unique=False)


def _fill_text_key() -> None:
    # Computed in Python, the function ingestion uses: no SQL spelling of accent folding
    # and hashing is common to SQLite and PostgreSQL. Keyset batches keep memory flat.
    claims = sa.table(
        "claims", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("text_key")
    )
    conn = op.get_bind()
    # On SQLite the full-text search's AFTER UPDATE trigger would re-index every claim's
    # text although only text_key changes: it is set aside for the fill and put back as
    # it was, in the same transaction.
    triggers = _update_triggers(conn)
    for name, _ in triggers:
        conn.execute(sa.text(f'DROP TRIGGER "{name}"'))
    update = (
        claims.update().where(claims.c.id == sa.bindparam("claim_id")).values(text_key=sa.bindparam("key"))
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(claims.c.id, claims.c.text).where(claims.c.id > last).order_by(claims.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        conn.execute(update, [{"claim_id": claim_id, "key": statement_key(text)} for claim_id, text in rows])
        last = rows[-1][0]
    for _, definition in triggers:
        conn.execute(sa.text(definition))


def _update_triggers(conn: sa.Connection) -> list[tuple[str, str]]:
    if conn.dialect.name != "sqlite":
        return []
    found = conn.execute(
        sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claims'")
    )
    return [(name, definition) for name, definition in found if " UPDATE " in definition.upper()]


def downgrade() -> None:
    op.drop_index("ix_claims_speaker_id_text_key", table_name="claims")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("text_key")
