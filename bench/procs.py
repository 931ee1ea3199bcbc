"""Server processes for the benchmarks: start, wait until ready, sample memory, stop.

Memory is read from /proc (VmRSS of the process and all its descendants), so no
psutil is needed and uvicorn worker processes are counted with their parent.
"""

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


def checkout_env() -> dict[str, str]:
    """Environment that makes a child `onrecord` import this checkout's `app`.

    The virtualenv's editable install may point at another clone; PYTHONPATH is searched
    before it, so the child runs the code beside bench/.
    """
    root = str(Path(__file__).resolve().parent.parent)
    extra = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": f"{root}{os.pathsep}{extra}" if extra else root}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    task_dir = Path(f"/proc/{pid}/task")
    for task in task_dir.glob("*") if task_dir.exists() else ():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants that are still alive."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending += _children(current)
    return tree


def rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and its descendants, in bytes (0 once they are gone)."""
    total = 0
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class PeakRss:
    """Sample the RSS of a process tree in a background thread and keep the peak."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Server:
    """One HTTP server under test, listening on 127.0.0.1:`port`, logging to `log_path`."""

    name: str
    argv: list[str]
    port: int
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    ready_path: str = "/"
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        env = {**os.environ, **checkout_env(), **self.env}
        self.process = subprocess.Popen(
            self.argv, env=env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log_path}")
            try:
                status, _ = get(self.port, self.ready_path, timeout=5)
                if status < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f}s; see {self.log_path}")

    def rss(self) -> int:
        return rss_bytes(self.process.pid)

    def __exit__(self, *_exc) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # The server runs in its own session; signal that group only (uvicorn and its workers).
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def get(port: int, path: str, timeout: float = 60.0) -> tuple[int, bytes]:
    """One GET on a fresh connection; return (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _cpu_times() -> tuple[int, int]:
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields), idle


def cpu_busy(seconds: float = 2.0) -> float:
    """Fraction of all CPUs' time spent busy over the next `seconds`."""
    total_a, idle_a = _cpu_times()
    time.sleep(seconds)
    total_b, idle_b = _cpu_times()
    return 1 - (idle_b - idle_a) / max(1, total_b - total_a)


def wait_until_quiet(limit: float = 0.25, max_wait: float = 180.0) -> float:
    """Wait (at most `max_wait` s) until other work leaves the CPUs mostly idle; return the last busy share.

    The machine is shared with other engineers' test runs; load measured while they run
    is low by however much CPU they took, so each measurement starts in a quiet moment
    when there is one.
    """
    deadline = time.monotonic() + max_wait
    busy = cpu_busy()
    while busy > limit and time.monotonic() < deadline:
        busy = cpu_busy()
    return round(busy, 2)
