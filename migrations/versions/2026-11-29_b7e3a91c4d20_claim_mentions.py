"""claim_mentions: the names each claim's text mentions, for `mentions=` and facet=mentions

Revision ID: b7e3a91c4d20
Revises: 4be612108d08
Create Date: 2026-11-29 04:30:00

"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.pipeline.mentions import find_mentions
from app.pipeline.types import SpeakerRef
from app.textnorm import fold

revision: str = "b7e3a91c4d20"
down_revision: str | Sequence[str] | None = "4be612108d08"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOCUMENTS_PER_BATCH = 200
NAME_LENGTH = 255


def upgrade() -> None:
    op.create_table(
        "claim_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("last_word", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_mentions_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_mentions")),
        sa.UniqueConstraint("claim_id", "key", name="uq_claim_mentions_claim_id_key"),
    )
    _fill_mentions()
    op.create_index("ix_claim_mentions_key_claim_id", "claim_mentions", ["key", "claim_id"], unique=False)
    op.create_index(
        "ix_claim_mentions_last_word_claim_id", "claim_mentions", ["last_word", "claim_id"], unique=False
    )


def _fill_mentions() -> None:
    # The function ingestion uses, article by article (a claim's surnames resolve against
    # the sources its article quotes), in keyset batches of documents: flat memory.
    claims = sa.table(
        "claims",
        sa.column("id", sa.Integer),
        sa.column("document_id", sa.Integer),
        sa.column("speaker_id", sa.Integer),
        sa.column("text", sa.Text),
    )
    speakers = sa.table("speakers", sa.column("id", sa.Integer), sa.column("name"), sa.column("kind"))
    aliases = sa.table("speaker_aliases", sa.column("speaker_id", sa.Integer), sa.column("alias"))
    mentions = sa.table(
        "claim_mentions", sa.column("claim_id"), sa.column("name"), sa.column("key"), sa.column("last_word")
    )
    conn = op.get_bind()
    last = 0
    while True:
        documents = conn.scalars(
            sa.select(claims.c.document_id)
            .where(claims.c.document_id > last)
            .group_by(claims.c.document_id)
            .order_by(claims.c.document_id)
            .limit(DOCUMENTS_PER_BATCH)
        ).all()
        if not documents:
            return
        last = documents[-1]
        rows = conn.execute(
            sa.select(claims.c.id, claims.c.document_id, claims.c.speaker_id, claims.c.text)
            .where(claims.c.document_id.between(documents[0], last))
            .order_by(claims.c.id)
        ).all()
        speaker_ids = {row.speaker_id for row in rows}
        refs = _speaker_refs(conn, speakers, aliases, speaker_ids)
        sources: dict[int, set[int]] = defaultdict(set)
        for row in rows:
            sources[row.document_id].add(row.speaker_id)
        found = []
        for row in rows:
            article_sources = [refs[speaker_id] for speaker_id in sorted(sources[row.document_id])]
            for name in find_mentions(row.text, article_sources):
                key = fold(name)[:NAME_LENGTH]
                found.append(
                    {
                        "claim_id": row.id,
                        "name": name[:NAME_LENGTH],
                        "key": key,
                        "last_word": key.rsplit(" ", 1)[-1],
                    }
                )
        if found:
            conn.execute(mentions.insert(), found)


def _speaker_refs(conn, speakers, aliases, ids: set[int]) -> dict[int, SpeakerRef]:  # noqa: ANN001
    forms: dict[int, list[str]] = defaultdict(list)
    for speaker_id, alias in conn.execute(
        sa.select(aliases.c.speaker_id, aliases.c.alias).where(aliases.c.speaker_id.in_(sorted(ids)))
    ):
        forms[speaker_id].append(alias)
    return {
        speaker_id: SpeakerRef(name, kind, aliases=tuple(forms[speaker_id]))
        for speaker_id, name, kind in conn.execute(
            sa.select(speakers.c.id, speakers.c.name, speakers.c.kind).where(speakers.c.id.in_(sorted(ids)))
        )
    }


def downgrade() -> None:
    op.drop_index("ix_claim_mentions_last_word_claim_id", table_name="claim_mentions")
    op.drop_index("ix_claim_mentions_key_claim_id", table_name="claim_mentions")
    op.drop_table("claim_mentions")
