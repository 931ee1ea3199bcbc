"""The `onrecord` CLI through typer's runner, against real SQLite files and PostgreSQL."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select
from typer.testing import CliRunner

from app.cli import app
from app.config import PROJECT_ROOT
from app.db import get_engine
from app.models import Claim, Document, Speaker
from tests.servers import start_server, stop

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def documents_in(url: str) -> int:
    with get_engine(url).connect() as conn:
        return conn.scalar(select(func.count()).select_from(Document))


@pytest.fixture
def fresh_sqlite(tmp_path: Path) -> str:
    """A URL to a database file that does not exist yet: the CLI must create the schema."""
    return f"sqlite:///{tmp_path / 'nested' / 'cli.db'}"


def test_ingest_creates_the_schema_and_prints_the_summary(fresh_sqlite):
    result = invoke("ingest", str(FIXTURES), "--db", fresh_sqlite)

    assert result.exit_code == 0, result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("documents: 7 added, 0 unchanged, 0 failed; claims: ")
    assert documents_in(fresh_sqlite) == 7


def test_reingest_reports_unchanged(fresh_sqlite):
    invoke("ingest", str(FIXTURES), "--db", fresh_sqlite)

    result = invoke("ingest", str(FIXTURES), "--db", fresh_sqlite)

    assert result.exit_code == 0
    assert "documents: 0 added, 7 unchanged, 0 failed; claims: 0; reactions: 0; speakers: 0" in result.stdout


def test_failures_go_to_stderr_and_exit_code_is_one(fresh_sqlite, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    result = invoke("ingest", str(empty), str(FIXTURES / "harbour_bridge.txt"), "--db", fresh_sqlite)

    assert result.exit_code == 1
    assert f"error: {empty}: empty file" in result.stderr
    assert "documents: 1 added, 0 unchanged, 1 failed" in result.stdout
    assert "error:" not in result.stdout


def test_database_url_comes_from_the_environment_unless_db_is_given(fresh_sqlite, tmp_path, monkeypatch):
    from app.config import get_settings

    env_url = f"sqlite:///{tmp_path / 'from_env.db'}"
    monkeypatch.setenv("DATABASE_URL", env_url)
    get_settings.cache_clear()
    try:
        invoke("ingest", str(FIXTURES / "briefs.jsonl"))
        invoke("ingest", str(FIXTURES / "wire.json"), "--db", fresh_sqlite)
    finally:
        get_settings.cache_clear()

    assert (documents_in(env_url), documents_in(fresh_sqlite)) == (2, 2)


def test_ingest_with_workers(database_url):
    result = invoke("ingest", str(FIXTURES), "--db", database_url, "--workers", "3")

    assert result.exit_code == 0, result.output
    assert documents_in(database_url) == 7


def test_db_upgrade_creates_every_table(fresh_sqlite):
    result = invoke("db", "upgrade", "--db", fresh_sqlite)

    assert result.exit_code == 0
    tables = set(inspect(create_engine(fresh_sqlite)).get_table_names())
    assert {"documents", "speakers", "speaker_aliases", "claims", "reactions"} <= tables


def test_db_copy_moves_the_whole_record(fresh_sqlite, database_url, tmp_path):
    invoke("ingest", str(FIXTURES), "--db", fresh_sqlite)

    result = invoke("db", "copy", "--from", fresh_sqlite, "--to", database_url)

    assert result.exit_code == 0, result.output
    assert "documents: 7" in result.stdout
    assert table_rows(fresh_sqlite) == table_rows(database_url)
    # Sequences moved past the copied ids, so new rows still get fresh ids.
    new_article = tmp_path / "new.txt"
    new_article.write_text("A brand new story, Ada Byrne said.")
    assert invoke("ingest", str(new_article), "--db", database_url).exit_code == 0
    assert documents_in(database_url) == 8


def _wall_time(value):
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def table_rows(url: str) -> dict[str, list]:
    """Every row of the record; timestamps compared as UTC wall time (SQLite keeps no zone)."""
    rows = {}
    with get_engine(url).connect() as conn:
        for model in (Document, Speaker, Claim):
            result = conn.execute(select(model.__table__).order_by(model.id)).mappings()
            rows[model.__tablename__] = [{k: _wall_time(v) for k, v in row.items()} for row in result]
    return rows


def test_db_copy_refuses_a_target_that_is_not_empty(fresh_sqlite, tmp_path):
    other = f"sqlite:///{tmp_path / 'other.db'}"
    invoke("ingest", str(FIXTURES / "wire.json"), "--db", fresh_sqlite)
    invoke("ingest", str(FIXTURES / "briefs.jsonl"), "--db", other)

    result = invoke("db", "copy", "--from", fresh_sqlite, "--to", other)

    assert result.exit_code == 1
    assert "is not empty" in result.stderr


@pytest.mark.parametrize("command", [[], ["ingest"], ["serve"], ["db"], ["db", "upgrade"], ["db", "copy"]])
def test_help_everywhere(command):
    result = invoke(*command, "--help")

    assert result.exit_code == 0
    assert "Usage" in result.stdout


@pytest.mark.parametrize("seed", [True, False], ids=["seeded", "no-seed"])
def test_serve_upgrades_seeds_an_empty_database_and_answers(fresh_sqlite, seed, tmp_path):
    flags = ["--db", fresh_sqlite] + ([] if seed else ["--no-seed"])
    server, _ = start_server(dict(os.environ), tmp_path / "serve.log", *flags)
    stop(server)

    seeded = sum(1 for path in (PROJECT_ROOT / "seed_data").rglob("*") if path.suffix == ".txt")
    assert documents_in(fresh_sqlite) == (seeded if seed else 0)
