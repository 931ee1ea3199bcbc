"""Create or upgrade the schema through Alembic's API (used by the CLI, the server and tests)."""

from functools import lru_cache

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from app.config import PROJECT_ROOT


@lru_cache
def alembic_config() -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` to `revision` (idempotent)."""
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        try:
            command.upgrade(cfg, revision)
        finally:
            cfg.attributes.pop("connection", None)
