"""The ingestion service: files and directories in, documents, claims and reactions stored.

Files are visited one at a time in a deterministic order (directories sorted by name,
recursively), so memory stays flat however many files there are. A bad file - or a bad
item inside a JSON list - is reported with its path and reason and the rest carry on.
Each article is stored in its own transaction (see `app.pipeline.persist`).

With `workers > 1` the files are shared among that many processes, each with its own
engine; the result is the same as with one worker because every write is idempotent
and keyed on content (documents) or names (speakers). One exception is inherent: a
bare surname joins a known person only if that person is already stored, so which
article comes first can matter for surname-only mentions.
"""

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from app.db import get_engine, session_factory
from app.models import Document
from app.pipeline.extract import extract
from app.pipeline.parse import ParseError, is_supported, parse_file
from app.pipeline.persist import StoreResult, store_article, stored_document_id
from app.pipeline.types import Article, Extraction

# PostgreSQL deadlock / serialization failure: safe to retry the whole article.
_RETRYABLE_SQLSTATES = {"40P01", "40001"}
_ATTEMPTS = 4
# A file is read whole (a JSON list must be), so a stray disk image or database dump in
# the tree must not be: anything larger is reported instead of read.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file: one result per stored article, one failure per problem."""

    path: str
    results: tuple[StoreResult, ...] = ()
    failures: tuple[Failure, ...] = ()


@dataclass(slots=True)
class IngestReport:
    """Totals of one run: documents by outcome, and the rows this run created."""

    added: int = 0
    unchanged: int = 0
    claims: int = 0
    reactions: int = 0
    speakers: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def record(self, outcome: FileOutcome) -> None:
        for result in outcome.results:
            self.added += result.status == "added"
            self.unchanged += result.status == "unchanged"
            self.claims += result.claims
            self.reactions += result.reactions
            self.speakers += result.speakers
        self.failures.extend(outcome.failures)

    def summary(self) -> str:
        return (
            f"documents: {self.added} added, {self.unchanged} unchanged, {self.failed} failed; "
            f"claims: {self.claims}; reactions: {self.reactions}; speakers: {self.speakers}"
        )


Progress = Callable[[FileOutcome], None]


def ingest_paths(
    paths: Iterable[str | Path], engine: Engine, progress: Progress | None = None, workers: int = 1
) -> IngestReport:
    """Ingest every supported file under `paths` into the (migrated) database of `engine`."""
    report = IngestReport()
    items = iter_inputs(paths)
    if workers <= 1:
        outcomes = _ingest_serially(items, engine)
    else:
        outcomes = _ingest_in_parallel(items, engine, workers)
    for outcome in outcomes:
        report.record(outcome)
        if progress is not None:
            progress(outcome)
    return report


def seed_if_empty(engine: Engine, seed_dir: Path) -> IngestReport | None:
    """Ingest `seed_dir` into a database that holds no document yet; None if it holds some."""
    with engine.connect() as conn:
        if conn.scalar(select(Document.id).limit(1)) is not None:
            return None
    return ingest_paths([seed_dir], engine)


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many files and problems `ingest_paths` will report on: a progress bar's total."""
    return sum(1 for _ in iter_inputs(paths))


# --- walking --------------------------------------------------------------------------


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path | FileOutcome]:
    """Files to ingest, in order; a path that cannot be walked comes out as a FileOutcome."""
    seen_dirs: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, frozenset(), seen_dirs)
        elif not path.exists() and not path.is_symlink():
            yield _failed(path, "no such file or directory")
        elif not is_supported(path.name):
            # Named explicitly, so the user expected it to be read: say why it was not.
            yield _failed(path, f"unsupported file type {path.suffix or '(no extension)'!r}")
        else:
            yield path


def _walk(directory: Path, ancestors: frozenset[Path], seen_dirs: set[Path]) -> Iterator[Path | FileOutcome]:
    resolved = directory.resolve()
    if resolved in ancestors:
        yield _failed(directory, f"symlink loop (leads back to {resolved}), not followed")
        return
    if resolved in seen_dirs:
        return  # reached again through another link: its files are already queued
    seen_dirs.add(resolved)
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield _failed(directory, f"unreadable directory: {exc.strerror or exc}")
        return
    inside = ancestors | {resolved}
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir():
            yield from _walk(path, inside, seen_dirs)
        elif is_supported(entry.name):
            yield path


def _failed(path: Path | str, reason: str) -> FileOutcome:
    return FileOutcome(str(path), failures=(Failure(str(path), reason),))


# --- one file -------------------------------------------------------------------------


def ingest_file(path: Path, session: Session) -> FileOutcome:
    """Read, parse, extract and store one file; never raises for a bad file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _failed(path, f"too large ({size:,} bytes; at most {MAX_FILE_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        return _failed(path, f"unreadable: {exc.strerror or exc}")
    try:
        parsed = parse_file(str(path), data)
    except ParseError as exc:
        return _failed(path, exc.reason)
    results: list[StoreResult] = []
    failures = [Failure(str(path), problem) for problem in parsed.problems]
    for article in parsed.articles:
        try:
            results.append(store_new(session, article))
        except ExtractionFailed as exc:
            failures.append(Failure(str(path), f"extraction failed: {exc}"))
        except SQLAlchemyError as exc:
            failures.append(Failure(str(path), f"not stored: {_short(exc)}"))
        except Exception as exc:  # a bug met by one article must not stop the others
            failures.append(Failure(str(path), f"not stored: {type(exc).__name__}: {exc}"))
    return FileOutcome(str(path), tuple(results), tuple(failures))


class ExtractionFailed(Exception):
    """extract() raised; the message names the original exception."""


def store_new(session: Session, article: Article) -> StoreResult:
    """Store one article unless its content is already stored (then skip extraction)."""
    existing = stored_document_id(session, article.text)
    session.rollback()  # end the read-only transaction before the write one
    if existing is not None:
        return StoreResult("unchanged", existing)  # skip extraction for known content
    try:
        extraction = extract(article.text, article.published_on)
    except Exception as exc:  # extraction is pure code; any exception is its bug
        raise ExtractionFailed(f"{type(exc).__name__}: {exc}") from exc
    return store_retrying(session, article, extraction)


def store_retrying(session: Session, article: Article, extraction: Extraction) -> StoreResult:
    """`store_article`, retried when PostgreSQL aborts it to break a deadlock between writers."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return store_article(session, article, extraction)
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate not in _RETRYABLE_SQLSTATES or attempt == _ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _short(exc: SQLAlchemyError) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return message[0] if message else type(exc).__name__


# --- serial and parallel runs ---------------------------------------------------------


def _ingest_serially(items: Iterator[Path | FileOutcome], engine: Engine) -> Iterator[FileOutcome]:
    with engine.connect() as connection, _bulk_settings(connection):
        with session_factory(engine)(bind=connection) as session:
            for item in items:
                yield item if isinstance(item, FileOutcome) else ingest_file(item, session)


# SQLite settings for a bulk write, on the ingest's own connection only (the API server
# seeds through here and must get its pooled connection back as it was): a larger page
# cache for the growing indexes, temporary b-trees in memory, and fewer WAL checkpoints
# (each one syncs the database file). None of them weakens durability beyond the
# synchronous=NORMAL that app.db already sets.
_BULK_PRAGMAS = {"cache_size": "-32768", "temp_store": "MEMORY", "wal_autocheckpoint": "10000"}


@contextmanager
def _bulk_settings(connection: Connection) -> Iterator[None]:
    if connection.dialect.name != "sqlite":
        yield
        return
    saved = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in _BULK_PRAGMAS}
    for name, value in _BULK_PRAGMAS.items():
        connection.exec_driver_sql(f"PRAGMA {name}={value}")
    connection.commit()  # end the autobegun transaction so each article commits its own
    try:
        yield
    finally:
        connection.rollback()
        for name, value in saved.items():
            connection.exec_driver_sql(f"PRAGMA {name}={value}")
        connection.commit()


def _ingest_in_parallel(
    items: Iterator[Path | FileOutcome], engine: Engine, workers: int
) -> Iterator[FileOutcome]:
    url = engine.url.render_as_string(hide_password=False)
    # spawn, not fork: a forked child would inherit the parent's pooled connections.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(url,)) as pool:
        yield from pool.imap(_work, items, chunksize=4)


_worker_session: Session | None = None


def _start_worker(url: str) -> None:
    """Give this worker process its own engine and session (module state per process)."""
    global _worker_session
    _worker_session = session_factory(get_engine(url))()


def _work(item: Path | FileOutcome) -> FileOutcome:
    if isinstance(item, FileOutcome):
        return item
    assert _worker_session is not None, "worker started without _start_worker"
    return ingest_file(item, _worker_session)
