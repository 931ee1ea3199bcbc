"""speaker merge key

Revision ID: c1ba7b1e5376
Revises: d351122fd429
Create Date: 2026-11-28 23:45:04.549978

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c1ba7b1e5376"
down_revision: str | Sequence[str] | None = "d351122fd429"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add speakers.merge_key: '<kind>:<folded name>', unique, written by ingestion."""
    with op.batch_alter_table("speakers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merge_key", sa.String(length=300), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_speakers_merge_key"), ["merge_key"])


def downgrade() -> None:
    with op.batch_alter_table("speakers", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_speakers_merge_key"), type_="unique")
        batch_op.drop_column("merge_key")
