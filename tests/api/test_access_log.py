"""The access log's writer: lines leave in batches, in order, none lost."""

import io
import logging
import threading

from app.api.middleware import BatchedLines


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
