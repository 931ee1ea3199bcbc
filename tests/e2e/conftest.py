"""A real `onrecord serve` process (uvicorn) on a free port, for end-to-end checks."""

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import start_server, stop

ARTICLES = Path(__file__).parent / "articles"


def onrecord(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


@dataclass
class Server:
    base: str
    env: dict[str, str]

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory) -> Iterator[Server]:
    """`onrecord serve` on an empty database: it loads seed_data/ on first start."""
    folder = tmp_path_factory.mktemp("seeded")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{folder / 'onrecord.db'}")
    proc, base = start_server(env, folder / "serve.log")
    try:
        yield Server(base, env)
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def own_articles_server(tmp_path_factory) -> Iterator[Server]:
    """Our own test articles ingested by the CLI, then served without the seed."""
    folder = tmp_path_factory.mktemp("own")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{folder / 'onrecord.db'}")
    done = onrecord("ingest", str(ARTICLES), env=env)
    assert done.returncode == 0, done.stderr
    proc, base = start_server(env, folder / "serve.log", "--no-seed")
    try:
        yield Server(base, env)
    finally:
        stop(proc)
