"""The store stage of an ingest: one writer, batching, savepoints and retries.

The writer stores many articles per transaction on SQLite (`ArticleBatch`: each article
under a savepoint, so a bad one is undone alone), committing every `BATCH_ARTICLES`
articles or `BATCH_SECONDS`, whichever comes first. A killed ingest loses at most the
uncommitted batch, never part of a document; a rerun skips what was committed. A file's
outcome is reported once its batch has committed. If a commit itself fails, the batch
is stored again one article per transaction, so every article gets its own verdict.
On PostgreSQL each article keeps a transaction of its own: several ingest processes
may write there at once, and long transactions would hold their row locks long and
deadlock more often.

Also here: `store_new`, the one-article path the API's write routes take.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from app.extract_worker import extract_or_reason
from app.ingest_types import Failure, FileOutcome, Prepared
from app.pipeline.persist import ArticleBatch, StoreResult, store_article, stored_document_id
from app.pipeline.types import Article, Extraction

# PostgreSQL deadlock / serialization failure, and a foreign-key violation when a
# DELETE through the API removed a speaker this article had already looked up: all
# safe to retry the whole article, which looks its speakers up afresh.
_RETRYABLE_SQLSTATES = {"40P01", "40001", "23503"}
_ATTEMPTS = 4
# One SQLite transaction per this many articles or seconds: big enough that commits and
# FTS segment flushes stop mattering, short enough that an API write waiting for the
# lock (busy_timeout is 30 s) hardly notices and a kill loses little work.
BATCH_ARTICLES = 200
BATCH_SECONDS = 0.5


class ExtractionFailed(Exception):
    """extract() raised; the message names the original exception."""


def extract_article(article: Article) -> Extraction:
    found = extract_or_reason(article.text, article.published_on)
    if isinstance(found, str):
        raise ExtractionFailed(found)
    return found


class Writer:
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
                failures.append(Failure(item.path, f"not stored: {short_reason(exc)}"))
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


def short_reason(exc: SQLAlchemyError) -> str:
    """The first line of a database error: the reason a failure report gives."""
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return message[0] if message else type(exc).__name__


# SQLite settings for a bulk write, on the ingest's own connection only (the API server
# seeds through here and must get its pooled connection back as it was): a larger page
# cache for the growing indexes, temporary b-trees in memory, and fewer WAL checkpoints
# (each one syncs the database file). None of them weakens durability beyond the
# synchronous=NORMAL that app.db already sets.
_BULK_PRAGMAS = {"cache_size": "-32768", "temp_store": "MEMORY", "wal_autocheckpoint": "10000"}


@contextmanager
def bulk_settings(connection: Connection) -> Iterator[None]:
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
