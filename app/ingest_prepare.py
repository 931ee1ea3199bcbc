"""The prepare stage of an ingest: input files found, read, parsed and extracted.

Files are visited one at a time in a deterministic order (directories sorted by name,
recursively), so memory stays flat however many files there are. A bad file - or a bad
item inside a JSON list - is reported with its path and reason and the rest carry on.

Extraction runs here, one file after another, or in worker processes
(`app.extract_worker`) with a bounded window of files in flight; either way the
prepared files come out in input order.
"""

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app.extract_worker import ExtractorPool, Job, extract_or_reason
from app.ingest_store import short_reason
from app.ingest_types import Failure, FileOutcome, Prepared
from app.pipeline.parse import ParseError, is_supported, parse_file
from app.pipeline.types import Article, Extraction

# A file is read whole (a JSON list must be), so a stray disk image or database dump in
# the tree must not be: anything larger is reported instead of read.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Parallel preparation: files per task, and tasks in flight per worker.
_CHUNK_FILES = 8
_TASKS_PER_WORKER = 3


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


# --- read, parse, extract -------------------------------------------------------------


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
            failures.append(Failure(str(path), f"not stored: {short_reason(exc)}"))
            continue
        articles.append(article)
    return _Parsed(str(path), articles, existing, failures)


def prepare_serially(
    items: Iterator[Path | FileOutcome], known: Callable[[str], int | None]
) -> Iterator[Prepared | FileOutcome]:
    for item in items:
        parsed = parse_item(item, known)
        if isinstance(parsed, FileOutcome):
            yield parsed
        else:
            yield parsed.prepared(extract_or_reason(*job) for job in parsed.jobs())


def prepare_in_parallel(
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
