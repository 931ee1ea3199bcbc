"""The ingestion service: files and directories in, documents, claims and reactions stored.

Two stages: *prepare* (`app.ingest_prepare`: find, read, parse, extract) and *store*
(`app.ingest_store`: one writer). With `workers > 1`, extraction - most of the CPU
work - runs in that many child processes (`app.extract_worker`) while this process
reads, parses and stores, in input order; so the record is exactly the one a single
process makes, surname-only links included. A bounded window of files in flight keeps
memory flat whichever stage is slower.

This module holds the entry points and the run's report; the names callers need from
the stages (`count_inputs`, `store_new`, the outcome types) are importable from here.
"""

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select

from app.db import session_factory
from app.ingest_prepare import count_inputs, iter_inputs, prepare_in_parallel, prepare_serially
from app.ingest_store import Writer, bulk_settings, store_new
from app.ingest_types import Failure, FileOutcome, Prepared
from app.models import Document

__all__ = [
    "Failure",
    "FileOutcome",
    "IngestReport",
    "Prepared",
    "Progress",
    "count_inputs",
    "default_workers",
    "ingest_paths",
    "seed_if_empty",
    "store_new",
]


def default_workers() -> int:
    """Extracting processes for `onrecord ingest`: one per core, at most four.

    Extraction is most of the CPU work and the writer needs only part of a core, so
    one extracting child per core keeps every core busy; past four the single writer
    is the limit and more children only cost memory (about 20 MB each).
    """
    return max(1, min(os.cpu_count() or 1, 4))


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
    with engine.connect() as connection, bulk_settings(connection):
        with session_factory(engine)(bind=connection) as session:
            writer = Writer(session)
            if workers <= 1:
                prepared = prepare_serially(items, writer.known)
            else:
                prepared = prepare_in_parallel(items, writer.known, workers)
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
