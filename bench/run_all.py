"""Run every benchmark with one command and write the figures into bench/README.md.

    make bench                                   # 1,000,000 claims: about 15 minutes
    .venv/bin/python bench/run_all.py --claims 100000 --ingest-files 500   # a quick run

Steps: generate the synthetic record into a SQLite file and a PostgreSQL database
(`onrecord_bench`, created when missing) unless they already hold a record of that
size (`--regenerate` rebuilds them), run the query load against each (Datasette on
SQLite only), then the end-to-end ingest at two file counts. Raw results go to
bench/out/results.json; the README's own sections are replaced in place.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import bench_ingest
import generate
import load
import psycopg
import report
from sqlalchemy.engine import make_url

BENCH = Path(__file__).resolve().parent
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/onrecord_bench"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_pg_database(url: str) -> str | None:
    """Create the database named in `url` if missing; None when ready, else why not."""
    target = make_url(url)
    admin = generate.psycopg_dsn(target.set(database="postgres").render_as_string(hide_password=False))
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            sql = "SELECT 1 FROM pg_database WHERE datname = %s"
            exists = conn.execute(sql, (target.database,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{target.database}"')
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {target.render_as_string()}: {exc}".strip()
    return None


def load_options(args: argparse.Namespace, wrk: str) -> argparse.Namespace:
    opts = load.parser().parse_args(["--db", "unused", "--duration", str(args.duration),
                                     "--connections", str(args.connections),
                                     "--csv-max-seconds", str(args.csv_max_seconds)])
    opts.wrk = wrk
    return opts


def bench_backend(url: str, args: argparse.Namespace, wrk: str) -> dict:
    where = make_url(url).render_as_string()
    counts = None if args.regenerate else generate.existing_counts(url)
    if counts and counts["claims"] == args.claims:
        # The generator is deterministic: the same size (and seed) gives the same record.
        log(f"reusing the {args.claims:,} claims already in {where} (--regenerate to rebuild)")
    else:
        log(f"generating {args.claims:,} claims into {where}")
        counts = generate.generate(url, args.claims, seed=args.seed, replace=True)
        log(f"generated: {counts}")
    results = load.run(url, load_options(args, wrk))
    results["generated"] = counts
    return results


def git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def preamble() -> str:
    return ("Reproducible benchmarks. `make bench` runs them all (bench/run_all.py) and rewrites the "
            "sections below; raw figures land in bench/out/results.json.\n")


def write_readme(results: dict) -> None:
    meta = results["meta"]
    header = [f"Measured {meta['when']} at commit {meta['commit']} on {meta['machine']}.", ""]
    bodies: dict[str, list[str]] = {}
    by_backend = {name: results[name] for name in ("sqlite", "postgresql")
                  if "onrecord" in results.get(name, {})}
    for name, title in (("sqlite", "Query load (SQLite)"), ("postgresql", "Query load (PostgreSQL)")):
        if name in by_backend:
            bodies[title] = header + report.load_section(by_backend[name], meta)
        elif name in results:
            bodies[title] = header + [f"Not measured: {results[name].get('skipped', 'no results')}."]
    if len(by_backend) == 2:
        bodies["Query load (PostgreSQL)"] += ["", *report.side_by_side(by_backend)]
    if by_backend:
        bodies["Export memory"] = header + report.export_section(by_backend, meta["claims"])
    if results.get("ingest"):
        bodies["Ingest end to end"] = header + report.ingest_section(results["ingest"])
    report.replace_sections(BENCH / "README.md", bodies, preamble())


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--claims", type=int, default=1_000_000, help="size of the synthetic record")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--sqlite", type=Path, default=BENCH / "out" / "bench.db", help="SQLite file to fill")
    p.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL URL (its database is dropped and refilled)")
    p.add_argument("--no-pg", action="store_true")
    p.add_argument("--duration", type=int, default=20, help="seconds of wrk load per server")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--csv-max-seconds", type=float, default=300, help="cap on reading the CSV export")
    p.add_argument("--ingest-files", type=int, action="append", help="repeatable; default 2000 and 10000")
    p.add_argument("--no-ingest", action="store_true")
    p.add_argument("--regenerate", action="store_true",
                   help="rebuild the databases even when they already hold --claims claims")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    (BENCH / "out").mkdir(exist_ok=True)
    wrk = load.ensure_wrk()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    meta = {"claims": args.claims, "commit": git_commit(), "when": when, "machine": machine}
    results: dict = {"meta": meta}
    results["sqlite"] = bench_backend(f"sqlite:///{args.sqlite.resolve()}", args, wrk)
    if not args.no_pg:
        reason = ensure_pg_database(args.pg)
        results["postgresql"] = {"skipped": reason} if reason else bench_backend(args.pg, args, wrk)
    if not args.no_ingest:
        files = bench_ingest.article_files(list(bench_ingest.DEFAULT_SOURCES))
        results["ingest"] = [bench_ingest.bench(files, n, 1) for n in args.ingest_files or [2000, 10000]]
    (BENCH / "out" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    write_readme(results)
    log("wrote bench/README.md and bench/out/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
