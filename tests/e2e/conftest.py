"""A real `onrecord serve` process (uvicorn) on a free port, for end-to-end checks."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ARTICLES = Path(__file__).parent / "articles"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def start_server(env: dict[str, str], *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app", "serve", "--host", "127.0.0.1",
                             "--port", str(port), *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not answer /health within 60 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory) -> Iterator[Server]:
    """`onrecord serve` on an empty database: it loads seed_data/ on first start."""
    db = tmp_path_factory.mktemp("seeded") / "onrecord.db"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}")
    proc, base = start_server(env)
    try:
        yield Server(base, env)
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def own_articles_server(tmp_path_factory) -> Iterator[Server]:
    """Our own test articles ingested by the CLI, then served without the seed."""
    db = tmp_path_factory.mktemp("own") / "onrecord.db"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}")
    done = onrecord("ingest", str(ARTICLES), env=env)
    assert done.returncode == 0, done.stderr
    proc, base = start_server(env, "--no-seed")
    try:
        yield Server(base, env)
    finally:
        stop(proc)
