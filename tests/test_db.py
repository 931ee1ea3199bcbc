"""Engines: a SQLite file keeps a connection for each thread that can serve a request."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event, text

from app.db import SERVER_THREADS, get_engine


def test_sqlite_keeps_a_connection_per_server_thread(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'pool.db'}", 10)
    opened: list[int] = []
    event.listen(engine, "connect", lambda *_: opened.append(1))

    def query(_: int) -> int:
        with engine.connect() as conn:
            return conn.scalar(text("SELECT 1"))

    with ThreadPoolExecutor(SERVER_THREADS) as threads:
        for _ in range(3):  # later rounds reuse the kept connections
            assert sum(threads.map(query, range(4 * SERVER_THREADS))) == 4 * SERVER_THREADS
    assert engine.pool.size() >= SERVER_THREADS
    assert len(opened) <= SERVER_THREADS
    engine.dispose()
