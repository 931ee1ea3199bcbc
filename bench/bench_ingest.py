"""Ingest end to end: `onrecord ingest` of thousands of article files, articles/s and peak RSS.

    python bench/bench_ingest.py                      # 2,000 then 10,000 files
    python bench/bench_ingest.py --files 500 --files 2000 seed_data/articles

The given article files (default: seed_data/articles and tests/e2e/articles) are
replicated into a temporary directory up to the wanted count. Every copy gets a
distinct edition line, so no copy is skipped as a duplicate of another (documents are
keyed on their content) and each goes through parsing, extraction and storage. Each
count runs against a fresh SQLite file with the real CLI in a child process; its
resident memory, summed over the process and any children, is sampled from /proc.
Two counts show whether memory grows with the number of files. The load average
before and after each run is recorded: the machine may be shared.
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procs import PeakRss, checkout_env

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from app.ingest import default_workers  # noqa: E402  (needs ROOT on the path)

DEFAULT_SOURCES = (ROOT / "seed_data" / "articles", ROOT / "tests" / "e2e" / "articles")
SUFFIXES = {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}
ADDED = re.compile(r"documents: (\d+) added")


def log(message: str) -> None:
    print(f"[ingest {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def article_files(sources: list[Path]) -> list[Path]:
    """Every supported file under `sources`, in a stable order."""
    files: list[Path] = []
    for source in sources:
        found = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        files += [path for path in found if path.suffix.lower() in SUFFIXES]
    if not files:
        raise SystemExit(f"no article files under {', '.join(map(str, sources))}")
    return files


def _edition_text(text: str, edition: int) -> str:
    return f"{text.rstrip()}\n\nEdition {edition} of this report.\n"


def make_distinct(path: Path, edition: int) -> str:
    """The file's content with an edition line added where the format keeps it as text."""
    content = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(content)
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                item["text"] = _edition_text(item["text"], edition)
        return json.dumps(data, ensure_ascii=False)
    if suffix == ".jsonl":
        lines = [json.loads(line) for line in content.splitlines() if line.strip()]
        for item in lines:
            item["text"] = _edition_text(item.get("text", ""), edition)
        return "\n".join(json.dumps(item, ensure_ascii=False) for item in lines) + "\n"
    if suffix in {".html", ".htm"} and "</body>" in content:
        return content.replace("</body>", f"<p>Edition {edition} of this report.</p></body>", 1)
    return _edition_text(content, edition)


def replicate(files: list[Path], count: int, target: Path) -> None:
    """Write `count` distinct copies of `files` (round robin) into `target`, 1,000 per folder."""
    for edition in range(count):
        source = files[edition % len(files)]
        folder = target / f"{edition // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{edition:06d}-{source.name}").write_text(make_distinct(source, edition), encoding="utf-8")


def run_ingest(articles: Path, db_url: str, workers: int | None) -> dict:
    """Run `onrecord ingest` on `articles` and measure wall time and peak RSS of its process tree."""
    argv = [str(ROOT / ".venv" / "bin" / "onrecord"), "ingest", str(articles), "--db", db_url]
    if workers is not None:
        argv += ["--workers", str(workers)]
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, **checkout_env()}
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    with PeakRss(process.pid, interval=0.05) as peak:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    # CPU time of the whole tree (children and their waited-for children): on a shared
    # machine it says what the run needed, where the wall time says what it got.
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    match = ADDED.search(stdout)
    if process.returncode != 0 and not match:
        raise RuntimeError(f"onrecord ingest failed ({process.returncode}): {stderr[-2000:]}")
    added = int(match.group(1)) if match else 0
    return {"added": added, "seconds": round(seconds, 1), "articles_per_s": round(added / seconds, 1),
            "peak_rss_mb": round(peak.peak / 2**20, 1), "exit_code": process.returncode,
            "cpu_seconds": round(cpu, 1),
            "cpu_ms_per_article": round(1000 * cpu / added, 2) if added else None,
            "summary": stdout.strip().splitlines()[-1] if stdout.strip() else "",
            "failures": stderr.count("error:")}


def bench(files: list[Path], count: int, workers: int | None = None) -> dict:
    """One run; `workers` None means the command's own default (recorded as the number it uses)."""
    with tempfile.TemporaryDirectory(prefix="onrecord-ingest-") as tmp:
        articles = Path(tmp) / "articles"
        replicate(files, count, articles)
        db_url = f"sqlite:///{Path(tmp) / 'ingest.db'}"
        load_before = os.getloadavg()[0]
        measured = run_ingest(articles, db_url, workers)
        result = {"files": count, "workers": workers or default_workers(), **measured,
                  "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)}
    log(f"{count:,} files, {result['workers']} workers: {result['articles_per_s']} articles/s, "
        f"peak RSS {result['peak_rss_mb']} MB, CPU {result['cpu_ms_per_article']} ms/article, "
        f"load {result['load_before']} -> {result['load_after']} "
        f"({result['summary']})")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, default=list(DEFAULT_SOURCES))
    parser.add_argument("--files", type=int, action="append",
                        help="how many files; repeatable (default: 2000, then 10000)")
    parser.add_argument("--workers", type=int,
                        help="onrecord ingest --workers (default: the command's own, one per core up to 4)")
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    files = article_files(args.sources)
    results = [bench(files, count, args.workers) for count in args.files or [2000, 10000]]
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
