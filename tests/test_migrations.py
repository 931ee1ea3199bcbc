"""Migrations build the schema the models describe, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.db import Base
from app.queries.search import include_object


def test_upgrade_head_creates_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "speakers", "speaker_aliases", "claims", "reactions"} <= tables


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        # The hand-made full-text search objects are not in the models, on purpose.
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
