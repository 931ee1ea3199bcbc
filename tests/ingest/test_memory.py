"""Ingestion memory does not grow with the number of files (flat for 10,000 files).

Each run is a real `onrecord ingest` process; its peak resident size comes from wait4.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT

PADDING = "A background paragraph that pads the story out a little further. " * 30


def write_files(directory: Path, count: int) -> Path:
    for number in range(count):
        folder = directory / f"part{number // 500}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:05}.txt").write_text(
            f"***Item {number}***\nThe board met on day {number}.\n\n"
            f'"Item {number} is approved," Ada Byrne said.\n\n{PADDING}\n'
        )
    return directory


def peak_rss_kib(source: Path, db: Path) -> int:
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "ingest", str(source), "--db", f"sqlite:///{db}"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Read stderr before waiting so a chatty failure cannot fill the pipe and block.
    errors = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, errors[-2000:]
    return usage.ru_maxrss  # KiB on Linux


def check_flat(tmp_path: Path, small: int, large: int) -> None:
    small_peak = peak_rss_kib(write_files(tmp_path / "small", small), tmp_path / "small.db")
    large_peak = peak_rss_kib(write_files(tmp_path / "large", large), tmp_path / "large.db")

    # Interpreter and libraries dominate; what the files add must not scale with them.
    assert large_peak - small_peak < 16 * 1024, (small_peak, large_peak)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units differ off Linux")
def test_memory_stays_flat_for_ten_times_more_files(tmp_path):
    check_flat(tmp_path, small=100, large=1000)


@pytest.mark.stress
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units differ off Linux")
def test_memory_stays_flat_for_ten_thousand_files(tmp_path):
    check_flat(tmp_path, small=500, large=10_000)
