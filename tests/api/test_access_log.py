"""The access log's writer: lines leave in batches, in order, none lost."""

import io
import logging
import threading

from fastapi.testclient import TestClient

from app.api.middleware import BatchedLines, access_log
from app.config import Settings
from app.main import create_app


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("onrecord.access", logging.INFO, __file__, 1, message, None, None)


def test_lines_are_written_in_order_and_none_is_lost():
    out = io.StringIO()
    handler = BatchedLines(out)
    handler.setFormatter(logging.Formatter("%(message)s"))

    def log_many(prefix: str) -> None:
        for i in range(500):
            handler.handle(_record(f"{prefix}{i}"))

    threads = [threading.Thread(target=log_many, args=(p,)) for p in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    handler.flush()
    lines = out.getvalue().splitlines()
    assert sorted(lines) == sorted(f"{p}{i}" for p in "ab" for i in range(500))
    assert [line for line in lines if line[0] == "a"] == [f"a{i}" for i in range(500)]


def test_the_lines_still_waiting_are_written_at_shutdown(database_url, monkeypatch):
    # uvicorn ends the process by re-raising SIGTERM after shutdown, so atexit never runs:
    # the app's shutdown must write out what waits for the next batch.
    monkeypatch.setattr(BatchedLines, "FLUSH_SECONDS", 3600.0)
    out = io.StringIO()
    handler = BatchedLines(out)
    handler.setFormatter(logging.Formatter("%(message)s"))
    monkeypatch.setattr(access_log, "handlers", [handler])
    access_log.setLevel(logging.INFO)  # what install_middleware sets with its own handler
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        client.get("/health", headers={"X-Request-ID": "waiting-line"})
        assert "waiting-line" not in out.getvalue()  # still in the batch
    assert "waiting-line" in out.getvalue()
