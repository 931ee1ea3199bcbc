"""`onrecord keys create | list | revoke` through typer's runner."""

from sqlalchemy import select
from typer.testing import CliRunner

from app.cli import app
from app.db import get_engine, session_factory
from app.keys import KeyStatus, check_key
from app.models import ApiKey

runner = CliRunner()


def keys(*args: str):
    return runner.invoke(app, ["keys", *args])


def status_of(url: str, secret: str) -> KeyStatus:
    with session_factory(get_engine(url))() as session:
        return check_key(session, secret)


def test_create_prints_the_key_once_and_stores_its_hash(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh' / 'keys.db'}"  # created and migrated on demand
    created = keys("create", "newsroom-bot", "--db", url)
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    assert secret.startswith("onr_") and len(secret) > 40
    assert status_of(url, secret) is KeyStatus.VALID
    with session_factory(get_engine(url))() as session:
        assert secret not in repr(session.execute(select(ApiKey.__table__)).all())
    listed = keys("list", "--db", url)
    assert "newsroom-bot" in listed.stdout and "active" in listed.stdout and secret not in listed.stdout


def test_revoke_then_list_shows_it_revoked(database_url):
    secret = keys("create", "bot", "--db", database_url).stdout.strip()
    revoked = keys("revoke", "bot", "--db", database_url)
    assert revoked.exit_code == 0 and "revoked bot" in revoked.stdout
    assert status_of(database_url, secret) is KeyStatus.REVOKED
    assert "revoked" in keys("list", "--db", database_url).stdout


def test_mistakes_exit_1_with_a_message(database_url):
    assert keys("create", "bot", "--db", database_url).exit_code == 0
    duplicate = keys("create", "bot", "--db", database_url)
    assert duplicate.exit_code == 1 and "already exists" in duplicate.output
    bad_name = keys("create", "no spaces; please", "--db", database_url)
    assert bad_name.exit_code == 1 and "name" in bad_name.output
    unknown = keys("revoke", "nobody", "--db", database_url)
    assert unknown.exit_code == 1 and "no active key named 'nobody'" in unknown.output
