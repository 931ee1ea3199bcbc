"""The claim_mentions migration fills the table for claims stored before it, as ingest would."""

from datetime import date

from alembic import command
from sqlalchemy import select

from app.db import get_engine, session_factory
from app.migrate import alembic_config, upgrade
from app.models import ClaimMention
from app.pipeline.extract import extract
from app.pipeline.persist import store_article
from app.pipeline.types import Article

TEXTS = (
    "Harbour Minister Anna Nowak said the Port Authority of Varnia would reopen the quay. "
    '"We have agreed the terms with Oskland," Nowak said.',
    'Trade envoy Lena Marsh said talks with Oskland would resume. "We expect Anna Nowak to keep '
    'her word," Marsh said.',
)


def _mentions(engine) -> list[tuple[int, str, str, str]]:
    table = ClaimMention.__table__.c
    with engine.connect() as conn:
        rows = conn.execute(select(table.claim_id, table.name, table.key, table.last_word))
        return sorted(tuple(row) for row in rows)


def _downgrade_one(engine) -> None:
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        try:
            command.downgrade(cfg, "-1")
        finally:
            cfg.attributes.pop("connection", None)


def test_upgrade_backfills_what_ingest_writes(database_url):
    engine = get_engine(database_url)
    with session_factory(engine)() as session:
        for number, text in enumerate(TEXTS):
            article = Article(source=f"a{number}", text=text, published_on=date(2025, 5, 6))
            store_article(session, article, extract(text))
    written = _mentions(engine)
    assert {"anna nowak", "oskland"} <= {key for _, _, key, _ in written}
    _downgrade_one(engine)
    upgrade(engine)
    assert _mentions(engine) == written
