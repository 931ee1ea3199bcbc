"""Fill a database with a deterministic synthetic record for the benchmarks.

    python bench/generate.py --claims 1000000 --db sqlite:///bench/out/bench.db
    python bench/generate.py --claims 1000000 --db postgresql+psycopg://postgres@127.0.0.1/onrecord_bench

The schema comes from Alembic (`app.migrate.upgrade`), so whatever indexes, triggers or
full-text tables the migrations add are there. Rows go in directly, in bulk, not
through extraction: executemany on SQLite, COPY on PostgreSQL. Secondary indexes and
(on SQLite) triggers feeding external-content FTS tables are dropped for the load and
recreated afterwards, then the FTS index is rebuilt, so the result is the same as if
every row had been inserted one by one, only faster.
"""

import argparse
import sqlite3
import sys
import time
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from random import Random

import checkout  # noqa: F401  (first: `app` is this checkout's)
import psycopg
import synth
from sqlalchemy.engine import make_url

from app.db import get_engine, is_sqlite
from app.migrate import upgrade

TABLE_ORDER = ("speakers", "speaker_aliases", "documents", "claims", "reactions")


def log(message: str) -> None:
    print(f"[generate {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


def psycopg_dsn(url: str) -> str:
    """The libpq form of a SQLAlchemy PostgreSQL URL (drops the `+driver` part)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_schema(url: str, replace: bool) -> None:
    """Start from an empty database at `url` and bring it to the head revision."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if replace:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif replace:
        with psycopg.connect(psycopg_dsn(url), autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    engine = get_engine(url)
    upgrade(engine)
    engine.dispose()


class ColumnLayout:
    """Map the generator's columns onto the columns the migrated table actually has."""

    layout: dict[str, tuple[list[str], list[int]]]

    def present_columns(self, table: str) -> set[str]:
        raise NotImplementedError

    def _layout(self, table: str) -> tuple[list[str], list[int]]:
        present = self.present_columns(table)
        keep = [i for i, name in enumerate(synth.COLUMNS[table]) if name in present]
        self.layout[table] = ([synth.COLUMNS[table][i] for i in keep], keep)
        return self.layout[table]


class SqliteLoader(ColumnLayout):
    """Bulk loader for SQLite: one transaction, no secondary indexes or FTS triggers during the load."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.layout = {}
        self.conn.execute("PRAGMA foreign_keys=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        # No rollback journal for a one-off load into a fresh file; WAL again at the end.
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA cache_size=-262144")
        self.indexes = self._objects("index", "sql IS NOT NULL")
        self.fts_tables = self._fts_tables()
        # Triggers that only feed an external-content FTS table can be replaced by a
        # rebuild; any other trigger must keep firing row by row.
        self.rebuild_fts = bool(self.fts_tables) and self._all_fts_external()
        self.triggers = self._objects("trigger", "1") if self.rebuild_fts else []

    def _objects(self, kind: str, condition: str) -> list[tuple[str, str]]:
        placeholders = ", ".join("?" for _ in TABLE_ORDER)
        sql = (f"SELECT name, sql FROM sqlite_master WHERE type = ? AND {condition} "
               f"AND tbl_name IN ({placeholders})")
        return self.conn.execute(sql, (kind, *TABLE_ORDER)).fetchall()

    def _fts_tables(self) -> list[tuple[str, str]]:
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        return [(name, ddl) for name, ddl in self.conn.execute(sql) if "fts" in ddl.lower()]

    def _all_fts_external(self) -> bool:
        def external(ddl: str) -> bool:
            compact = ddl.replace(" ", "").lower()
            return "content=" in compact and "content=''" not in compact and 'content=""' not in compact

        return all(external(ddl) for _, ddl in self.fts_tables)

    def begin(self) -> None:
        for name, _ in self.indexes:
            self.conn.execute(f'DROP INDEX "{name}"')
        for name, _ in self.triggers:
            self.conn.execute(f'DROP TRIGGER "{name}"')
        self.conn.execute("BEGIN")

    def present_columns(self, table: str) -> set[str]:
        return {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")}

    def insert(self, table: str, rows: list[tuple]) -> None:
        columns, keep = self.layout.get(table) or self._layout(table)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        self.conn.executemany(sql, (_sqlite_values(row, keep) for row in rows))

    def finish(self, analyze: bool) -> None:
        self.conn.execute("COMMIT")
        for name, ddl in self.indexes:
            log(f"create index {name}")
            self.conn.execute(ddl)
        for _, ddl in self.triggers:
            self.conn.execute(ddl)
        for name, _ in self.fts_tables if self.rebuild_fts else ():
            log(f"rebuild full-text index {name}")
            self.conn.execute(f"INSERT INTO {name}({name}) VALUES('rebuild')")
        if analyze:
            self.conn.execute("ANALYZE")
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.close()


def _sqlite_values(row: tuple, keep: list[int]) -> tuple:
    # Dates as ISO strings, the form SQLAlchemy's SQLite dialect stores and reads back.
    return tuple(_sqlite_value(row[i]) for i in keep)


def _sqlite_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return value


class PostgresLoader(ColumnLayout):
    """Bulk loader for PostgreSQL: COPY into tables whose secondary indexes are dropped meanwhile."""

    def __init__(self, dsn: str) -> None:
        self.conn = psycopg.connect(dsn)
        self.layout = {}
        # Index builds (GIN full-text ones above all) go faster with room to sort in memory.
        self.conn.execute("SET maintenance_work_mem = '512MB'")
        self.indexes = self.conn.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            (list(TABLE_ORDER),),
        ).fetchall()

    def begin(self) -> None:
        for name, _ in self.indexes:
            self.conn.execute(f'DROP INDEX "{name}"')

    def present_columns(self, table: str) -> set[str]:
        sql = ("SELECT column_name FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = %s")
        return {row[0] for row in self.conn.execute(sql, (table,))}

    def insert(self, table: str, rows: list[tuple]) -> None:
        columns, keep = self.layout.get(table) or self._layout(table)
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[i] for i in keep])

    def finish(self, analyze: bool) -> None:
        for name, ddl in self.indexes:
            log(f"create index {name}")
            self.conn.execute(ddl)
        for table in TABLE_ORDER:
            self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        self.conn.commit()
        if analyze:
            self.conn.autocommit = True
            self.conn.execute("VACUUM ANALYZE")
        self.conn.close()


def load(loader, rng: Random, claims: int) -> dict[str, int]:
    """Generate the record and hand it to `loader` table by table; return row counts."""
    speakers = synth.build_speakers(rng, synth.speaker_count(claims))
    counts = {table: 0 for table in TABLE_ORDER}
    loader.begin()
    _insert(loader, counts, "speakers", synth.speaker_rows(speakers))
    _insert(loader, counts, "speaker_aliases", synth.alias_rows(speakers))
    generator = synth.RecordGenerator(rng, synth.speaker_popularity(rng, speakers), claims)
    for batch in generator.batches():
        _insert(loader, counts, "documents", batch.documents)
        _insert(loader, counts, "claims", batch.claims)
        _insert(loader, counts, "reactions", batch.reactions)
        if counts["claims"] % 100_000 < len(batch.claims):
            log(f"{counts['claims']:,} claims")
    return counts


def _insert(loader, counts: dict[str, int], table: str, rows: Iterable[tuple]) -> None:
    rows = list(rows)
    loader.insert(table, rows)
    counts[table] += len(rows)


def existing_counts(url: str) -> dict[str, int] | None:
    """Row counts of a record already at `url`, or None when there is none (no file, no schema)."""
    if is_sqlite(url) and not sqlite_path(url).is_file():
        return None
    try:
        if is_sqlite(url):
            with closing(sqlite3.connect(sqlite_path(url))) as conn:
                return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_ORDER}
        with psycopg.connect(psycopg_dsn(url), connect_timeout=5) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_ORDER}
    except (sqlite3.Error, psycopg.Error):
        return None


def generate(
    url: str, claims: int, seed: int = 2026, replace: bool = False, analyze: bool | None = None
) -> dict:
    """Create the schema at `url` and load a record of `claims` claims; return row counts.

    `analyze` defaults to True on PostgreSQL (autovacuum would analyze the fresh tables
    anyway) and False on SQLite, which, like a database built by `onrecord ingest`,
    then has no planner statistics.
    """
    started = time.perf_counter()
    create_schema(url, replace)
    sqlite = is_sqlite(url)
    analyze = (not sqlite) if analyze is None else analyze
    loader = SqliteLoader(sqlite_path(url)) if sqlite else PostgresLoader(psycopg_dsn(url))
    with closing(loader.conn):
        counts = load(loader, Random(seed), claims)
        log("loaded rows; building indexes")
        loader.finish(analyze)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of the database to fill")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--replace", action="store_true", help="delete what the database holds first")
    parser.add_argument("--analyze", action=argparse.BooleanOptionalAction, default=None,
                        help="gather planner statistics after loading (default: PostgreSQL only)")
    args = parser.parse_args(argv)
    counts = generate(args.db, args.claims, seed=args.seed, replace=args.replace, analyze=args.analyze)
    log(", ".join(f"{name}={value:,}" for name, value in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
