"""The ingestion service: files and directories in, documents, claims and reactions stored.

Files are visited one at a time in a deterministic order (directories sorted by name,
recursively), so memory stays flat however many files there are. A bad file - or a bad
item inside a JSON list - is reported with its path and reason and the rest carry on.

Two stages: *prepare* (read, parse, extract) and *store* (one writer). With
`workers > 1`, extraction - most of the CPU work - runs in that many child processes
(`app.extract_worker`) while this process reads, parses and stores, in input order; so
the record is exactly the one a single process makes, surname-only links included. A
bounded window of files in flight keeps memory flat whichever stage is slower.

The writer stores many articles per transaction on SQLite (`ArticleBatch`: each article
under a savepoint, so a bad one is undone alone), committing every `BATCH_ARTICLES`
articles or `BATCH_SECONDS`, whichever comes first. A killed ingest loses at most the
uncommitted batch, never part of a document; a rerun skips what was committed. A file's
outcome is reported once its batch has committed. If a commit itself fails, the batch
is stored again one article per transaction, so every article gets its own verdict.
On PostgreSQL each article keeps a transaction of its own: several ingest processes
may write there at once, and long transactions would hold their row locks long and
deadlock more often.
"""

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from app.db import session_factory
from app.extract_worker import ExtractorPool, Job, extract_or_reason
from app.models import Document
from app.pipeline.parse import ParseError, is_supported, parse_file
from app.pipeline.persist import ArticleBatch, StoreResult, store_article, stored_document_id
from app.pipeline.types import Article, Extraction

# PostgreSQL deadlock / serialization failure, and a foreign-key violation when a
# DELETE through the API removed a speaker this article had already looked up: all
# safe to retry the whole article, which looks its speakers up afresh.
_RETRYABLE_SQLSTATES = {"40P01", "40001", "23503"}
_ATTEMPTS = 4
# A file is read whole (a JSON list must be), so a stray disk image or database dump in
# the tree must not be: anything larger is reported instead of read.
MAX_FILE_BYTES = 64 * 1024 * 1024
# One SQLite transaction per this many articles or seconds: big enough that commits and
# FTS segment flushes stop mattering, short enough that an API write waiting for the
# lock (busy_timeout is 30 s) hardly notices and a kill loses little work.
BATCH_ARTICLES = 200
BATCH_SECONDS = 0.5
# Parallel preparation: files per task, and tasks in flight per worker.
_CHUNK_FILES = 8
_TASKS_PER_WORKER = 3


def default_workers() -> int:
    """Extracting processes for `onrecord ingest`: one per core, at most four.

    Extraction is most of the CPU work and the writer needs only part of a core, so
    one extracting child per core keeps every core busy; past four the single writer
    is the limit and more children only cost memory (about 20 MB each).
    """
    return max(1, min(os.cpu_count() or 1, 4))


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


@dataclass(frozen=True, slots=True)
class Prepared:
    """One file read, parsed and extracted, ready to store.

    Each article comes with its extraction, or with the id of the stored document that
    already has its content (then it was not extracted again).
    """

    path: str
    articles: tuple[tuple[Article, Extraction | int], ...]
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
    """Ingest every supported file under `paths` into the (migrated) database of `engine`.

    `workers` > 1 extracts in that many child processes while this one reads and stores.
    """
    report = IngestReport()
    items = iter_inputs(paths)
    with engine.connect() as connection, _bulk_settings(connection):
        with session_factory(engine)(bind=connection) as session:
            writer = _Writer(session)
            if workers <= 1:
                prepared = _prepare_serially(items, writer.known)
            else:
                prepared = _prepare_in_parallel(items, writer.known, workers)
            for outcome in writer.store_all(prepared):
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


# --- prepare: read, parse, extract ----------------------------------------------------


class ExtractionFailed(Exception):
    """extract() raised; the message names the original exception."""


@dataclass(slots=True)
class _Parsed:
    """A file read and parsed; `existing[i]` is the stored id of article i's content."""

    path: str
    articles: list[Article]
    existing: list[int | None]
    failures: list[Failure]

    def jobs(self) -> list[Job]:
        pairs = zip(self.articles, self.existing, strict=True)
        return [(article.text, article.published_on) for article, known in pairs if known is None]

    def prepared(self, extractions: Iterator[Extraction | str]) -> Prepared:
        """Combine with the extractions of `jobs()`, in order (a str: why extraction failed)."""
        articles: list[tuple[Article, Extraction | int]] = []
        failures = list(self.failures)
        for article, known in zip(self.articles, self.existing, strict=True):
            found = known if known is not None else next(extractions)
            if isinstance(found, str):
                failures.append(Failure(self.path, f"extraction failed: {found}"))
            else:
                articles.append((article, found))
        return Prepared(self.path, tuple(articles), tuple(failures))


def parse_item(item: Path | FileOutcome, known: Callable[[str], int | None]) -> _Parsed | FileOutcome:
    """Read and parse one file; never raises for a bad file.

    `known(text)` gives the id of a stored document with that content, whose
    extraction is then skipped.
    """
    if isinstance(item, FileOutcome):
        return item
    path = item
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
    failures = [Failure(str(path), problem) for problem in parsed.problems]
    articles: list[Article] = []
    existing: list[int | None] = []
    for article in parsed.articles:
        try:
            existing.append(known(article.text))
        except SQLAlchemyError as exc:
            failures.append(Failure(str(path), f"not stored: {_short(exc)}"))
            continue
        articles.append(article)
    return _Parsed(str(path), articles, existing, failures)


def extract_article(article: Article) -> Extraction:
    found = extract_or_reason(article.text, article.published_on)
    if isinstance(found, str):
        raise ExtractionFailed(found)
    return found


def _prepare_serially(
    items: Iterator[Path | FileOutcome], known: Callable[[str], int | None]
) -> Iterator[Prepared | FileOutcome]:
    for item in items:
        parsed = parse_item(item, known)
        if isinstance(parsed, FileOutcome):
            yield parsed
        else:
            yield parsed.prepared(extract_or_reason(*job) for job in parsed.jobs())


def _prepare_in_parallel(
    items: Iterator[Path | FileOutcome], known: Callable[[str], int | None], workers: int
) -> Iterator[Prepared | FileOutcome]:
    """Prepared files in input order: parsed here, extracted by `workers` child processes.

    Reading, parsing and the known-content check stay in this process (they need the
    database and are cheap); extraction, most of the work, goes to the children. A
    bounded window of lists in flight keeps memory flat.
    """
    window: deque[tuple[list[_Parsed | FileOutcome], Future[list[Extraction | str]]]] = deque()
    with ExtractorPool(workers) as pool:
        while chunk := list(islice(items, _CHUNK_FILES)):
            parsed = [parse_item(item, known) for item in chunk]
            jobs = [job for p in parsed if isinstance(p, _Parsed) for job in p.jobs()]
            window.append((parsed, pool.submit(jobs)))
            if len(window) >= workers * _TASKS_PER_WORKER:
                yield from _assemble(*window.popleft())
        while window:
            yield from _assemble(*window.popleft())


def _assemble(
    parsed: list[_Parsed | FileOutcome], future: Future[list[Extraction | str]]
) -> Iterator[Prepared | FileOutcome]:
    extractions = iter(future.result())
    for item in parsed:
        yield item if isinstance(item, FileOutcome) else item.prepared(extractions)


# --- store: one writer ----------------------------------------------------------------


class _Writer:
    """Stores prepared files in order; yields each file's outcome once it is committed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.batch = ArticleBatch(session)
        self.batched = session.get_bind().dialect.name == "sqlite"
        # Outcomes of the open batch, in order, with what to store again if it fails.
        self.waiting: list[tuple[Prepared | FileOutcome, FileOutcome]] = []

    def known(self, text: str) -> int | None:
        """Stored document with this content (inside the open batch, if any)."""
        existing = stored_document_id(self.session, text)
        if not self.batch.size:
            self.batch.rollback()  # end the read-only transaction before the write one
        return existing

    def store_all(self, items: Iterable[Prepared | FileOutcome]) -> Iterator[FileOutcome]:
        try:
            for item in items:
                outcome = item if isinstance(item, FileOutcome) else self._store_file(item, self._store_one)
                self.waiting.append((item, outcome))
                if not self.batch.size or self.batch.size >= BATCH_ARTICLES or (
                    self.batch.seconds_open() >= BATCH_SECONDS
                ):
                    yield from self._commit()
            yield from self._commit()
        finally:
            if self.batch.size:
                self.batch.rollback()  # interrupted: the open batch is not reported either

    def _store_one(self, article: Article, extraction: Extraction) -> StoreResult:
        if self.batched:
            return self.batch.store(article, extraction)
        return self._store_committing(article, extraction)

    def _store_committing(self, article: Article, extraction: Extraction) -> StoreResult:
        return store_retrying(self.session, article, extraction)

    def _store_file(self, item: Prepared, store: Callable[[Article, Extraction], StoreResult]) -> FileOutcome:
        results: list[StoreResult] = []
        failures = list(item.failures)
        for article, extraction in item.articles:
            if isinstance(extraction, int):
                results.append(StoreResult("unchanged", extraction))
                continue
            try:
                results.append(store(article, extraction))
            except SQLAlchemyError as exc:
                failures.append(Failure(item.path, f"not stored: {_short(exc)}"))
            except Exception as exc:  # a bug met by one article must not stop the others
                failures.append(Failure(item.path, f"not stored: {type(exc).__name__}: {exc}"))
        return FileOutcome(item.path, tuple(results), tuple(failures))

    def _commit(self) -> Iterator[FileOutcome]:
        waiting, self.waiting = self.waiting, []
        if self.batch.size:
            try:
                self.batch.commit()
            except SQLAlchemyError:
                # Nothing of the batch is stored: give each article its own transaction.
                waiting = [(item, self._store_alone(item)) for item, _ in waiting]
        for _, outcome in waiting:
            yield outcome

    def _store_alone(self, item: Prepared | FileOutcome) -> FileOutcome:
        if isinstance(item, FileOutcome):
            return item
        return self._store_file(item, self._store_committing)


def store_new(session: Session, article: Article) -> StoreResult:
    """Store one article unless its content is already stored (then skip extraction)."""
    existing = stored_document_id(session, article.text)
    session.rollback()  # end the read-only transaction before the write one
    if existing is not None:
        return StoreResult("unchanged", existing)  # skip extraction for known content
    return store_retrying(session, article, extract_article(article))


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
    connection.commit()  # end the autobegun transaction so each batch begins its own
    try:
        yield
    finally:
        connection.rollback()
        for name, value in saved.items():
            connection.exec_driver_sql(f"PRAGMA {name}={value}")
        connection.commit()
