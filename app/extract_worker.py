"""Extraction in child processes for `onrecord ingest --workers N`: articles in, extractions out.

Each child runs `python -m app.extract_worker`, which imports the extraction pipeline
only - about 20 MB resident instead of the 90 MB a multiprocessing child costs, since
that re-imports the command line, the web stack and SQLAlchemy. The parent sends a
pickled list of (text, published_on) on the child's stdin and reads back a pickled list
of the same length: an Extraction, or the reason extraction raised.

`ExtractorPool` keeps one child per thread of a small thread pool: each thread sends a
list and waits for its answer, so pipes never fill up in both directions at once, and
the GIL is free while the children work.
"""

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import IO

from app.pipeline.extract import extract
from app.pipeline.types import Extraction

Job = tuple[str, date | None]


def extract_or_reason(text: str, published_on: date | None) -> Extraction | str:
    """extract(); an exception (a bug in the extractor) becomes its description."""
    try:
        return extract(text, published_on)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


class ExtractorPool:
    """`workers` child processes extracting lists of articles; results come back as futures."""

    def __init__(self, workers: int) -> None:
        self._threads = ThreadPoolExecutor(workers, thread_name_prefix="extract")
        self._local = threading.local()
        self._children: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()

    def submit(self, jobs: Sequence[Job]) -> Future[list[Extraction | str]]:
        return self._threads.submit(self._run, list(jobs))

    def close(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            children, self._children = self._children, []
        for child in children:
            _stop(child)

    def __enter__(self) -> "ExtractorPool":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _run(self, jobs: list[Job]) -> list[Extraction | str]:
        if not jobs:
            return []
        child = self._child()
        assert child.stdin is not None and child.stdout is not None
        try:
            pickle.dump(jobs, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.flush()
            results = pickle.load(child.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            # The child died on one of these articles (or was killed): they fail, a
            # fresh child takes the next list.
            self._local.child = None
            code = _stop(child)
            return [f"extraction process exited (code {code})"] * len(jobs)
        return results

    def _child(self) -> subprocess.Popen[bytes]:
        child = getattr(self._local, "child", None)
        if child is None:
            child = self._local.child = _start()
            with self._lock:
                self._children.append(child)
        return child


def _start() -> subprocess.Popen[bytes]:
    # The child must import this very `app` (a checkout may differ from what is installed).
    root = str(Path(__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}
    return subprocess.Popen(
        [sys.executable, "-m", "app.extract_worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )


def _stop(child: subprocess.Popen[bytes]) -> int | None:
    for stream in (child.stdin, child.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        return child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """The child's loop: a list of jobs in, a list of results out, until end of input."""
    while True:
        try:
            jobs = pickle.load(source)
        except EOFError:
            return
        pickle.dump([extract_or_reason(*job) for job in jobs], sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()


def main() -> None:
    # Answers go to a private copy of stdout; anything printed lands on stderr instead
    # of corrupting the stream of pickles.
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        serve(sys.stdin.buffer, sink)
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group; the parent reports
        pass


if __name__ == "__main__":
    main()
