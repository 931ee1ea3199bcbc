"""Migrations build the schema the models describe, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.db import Base, get_engine
from app.migrate import upgrade
from app.queries.search import include_object
from app.textnorm import statement_key


def test_upgrade_head_creates_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "speakers", "speaker_aliases", "claims", "reactions"} <= tables


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        # The hand-made full-text search objects are not in the models, on purpose.
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


OLD_ROWS = (  # a claim stored before claims.text_key existed
    "INSERT INTO documents (id, source, title, text, content_sha256, ingested_at, extractor_version)"
    " VALUES (1, 'a.txt', 'T', 'x', 'h', '2026-01-01 00:00:00', 't')",
    "INSERT INTO speakers (id, name, slug, kind) VALUES (1, 'Jane Doe', 'jane-doe', 'person')",
    "INSERT INTO claims (id, document_id, speaker_id, text, kind, cue, mention, span_start, span_end,"
    " confidence) VALUES (1, 1, 1, '\"Élan, always!\"', 'direct', 'said', 'Doe', 0, 1, 0.5)",
)


def test_text_key_migration_fills_existing_claims(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "8059c5d773be")  # the revision before claims.text_key
    with engine.begin() as conn:
        for statement in OLD_ROWS:
            conn.execute(text(statement))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text_key FROM claims")).scalar() == statement_key("elan always")
    engine.dispose()
