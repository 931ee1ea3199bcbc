"""Real `onrecord serve` processes for tests: start on a free port, wait for /health, stop."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    env: dict[str, str], log: Path, *extra: str, timeout: float = 60
) -> tuple[subprocess.Popen, str]:
    """Run `onrecord serve *extra`; return the process and its base URL once /health answers.

    Output goes to `log`, a file: a pipe nobody reads fills with request logs and stalls the server.
    """
    port = free_port()
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port), *extra],
            env=env, cwd=PROJECT_ROOT, stdout=sink, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"server did not answer /health within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
