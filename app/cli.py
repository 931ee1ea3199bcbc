"""The `onrecord` command line: thin wrappers that parse arguments and call the services.

    onrecord ingest PATH... [--db URL] [--workers N]
    onrecord serve [--host H] [--port P] [--no-seed] [--db URL]
    onrecord db upgrade [--db URL]
    onrecord db copy --from URL --to URL
    onrecord keys create NAME | keys list | keys revoke NAME [--db URL]
"""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.config import get_settings
from app.db import get_engine
from app.ingest import FileOutcome, IngestReport, count_inputs, default_workers, ingest_paths, seed_if_empty
from app.migrate import upgrade

app = typer.Typer(help="Who said what, when, and who reacted: ingest articles and serve the record.",
                  no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Database schema and data management.", no_args_is_help=True)
app.add_typer(db_app, name="db")
keys_app = typer.Typer(help="API keys for writes (and for reads when READ_REQUIRES_KEY).",
                        no_args_is_help=True)
app.add_typer(keys_app, name="keys")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy database URL; overrides DATABASE_URL.", show_default=False),
]


def database_url(db: str | None) -> str:
    """`--db` if given, else DATABASE_URL / the settings default."""
    return db or get_settings().database_url


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Processes extracting in parallel while this one stores (default: one per core, at most "
            "4; 1: everything in this process).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read articles, extract who said what, and store them. Exit code 1 if any file failed."""
    engine = get_engine(database_url(db))
    upgrade(engine)
    try:
        report = _ingest_with_progress(paths, engine, workers or default_workers())
    except KeyboardInterrupt:
        # Articles commit whole (a batch at a time), so what is stored is whole and a rerun resumes.
        typer.echo("interrupted: stored articles are kept; run again to finish", err=True)
        raise typer.Exit(code=130) from None
    typer.echo(report.summary())
    if report.failed:
        raise typer.Exit(code=1)


def _ingest_with_progress(paths: list[Path], engine, workers: int) -> IngestReport:
    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def print_failures(outcome: FileOutcome) -> None:
        for failure in outcome.failures:
            # Plain print: rich markup must not eat brackets that appear in paths.
            err.print(f"error: {failure.path}: {failure.reason}", markup=False)

    if not sys.stderr.isatty():
        return ingest_paths(paths, engine, progress=print_failures, workers=workers)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=count_inputs(paths))

        def advance(outcome: FileOutcome) -> None:
            print_failures(outcome)
            bar.advance(task)

        return ingest_paths(paths, engine, progress=advance, workers=workers)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    no_seed: Annotated[
        bool, typer.Option("--no-seed", help="Do not load seed_data/ into an empty database.")
    ] = False,
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, max=64, help="Server processes (default: SERVE_WORKERS, else 1).", show_default=False
        ),
    ] = None,
) -> None:
    """Upgrade the schema, seed an empty database, and run the HTTP API."""
    import uvicorn  # only `serve` needs the server stack

    url = database_url(db)
    engine = get_engine(url)
    upgrade(engine)
    if not no_seed:
        _seed(engine)
    # create_app reads settings; make --db the setting it sees.
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    # access_log=False: the app writes its own JSON line per request (app.api.middleware).
    uvicorn.run(
        "app.main:served_app",
        factory=True,
        host=host,
        port=port,
        access_log=False,
        workers=workers or get_settings().serve_workers,
    )


def _seed(engine) -> None:
    seed_dir = get_settings().seed_dir
    if not seed_dir.is_dir():
        typer.echo(f"no seed data at {seed_dir}; starting empty", err=True)
        return
    report = seed_if_empty(engine, seed_dir)
    if report is None:
        return
    for failure in report.failures:
        typer.echo(f"error: {failure.path}: {failure.reason}", err=True)
    typer.echo(f"seeded from {seed_dir}: {report.summary()}", err=True)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the schema or bring it to the latest revision."""
    upgrade(get_engine(database_url(db)))
    typer.echo("database is at the latest revision")


@db_app.command("copy")
def db_copy(
    source: Annotated[str, typer.Option("--from", help="URL of the database to copy from.")],
    target: Annotated[str, typer.Option("--to", help="URL of an empty database to copy into.")],
) -> None:
    """Copy the whole record between databases (e.g. SQLite to PostgreSQL), keeping ids."""
    from app.dbcopy import CopyError, copy_database

    try:
        counts = copy_database(get_engine(source), get_engine(target))
    except CopyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    typer.echo("copied " + ", ".join(f"{table}: {count}" for table, count in counts.items()))


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Argument(help="A name for the key's holder.")], db: DbOption = None
) -> None:
    """Create a key and print it: it is shown this once and stored only as a hash."""
    from app.errors import OnrecordError
    from app.keys import create_key

    with _key_session(db) as session:
        try:
            secret = create_key(session, name)
        except OnrecordError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=1) from exc
    typer.echo(secret)


@keys_app.command("list")
def keys_list(db: DbOption = None) -> None:
    """List key names with when they were created and whether they are revoked."""
    from app.keys import list_keys

    with _key_session(db) as session:
        for key in list_keys(session):
            state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
            typer.echo(f"{key.name}\tcreated {key.created_at:%Y-%m-%d %H:%M}\t{state}")


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name.")], db: DbOption = None) -> None:
    """Revoke a key: requests with it are refused (403) from now on."""
    from app.keys import revoke_key

    with _key_session(db) as session:
        if not revoke_key(session, name):
            typer.echo(f"error: no active key named {name!r}", err=True)
            raise typer.Exit(code=1)
    typer.echo(f"revoked {name}")


def _key_session(db: str | None):
    from app.db import session_factory

    engine = get_engine(database_url(db))
    upgrade(engine)
    return session_factory(engine)()


def main() -> None:
    app()
