"""Query load: onrecord against Datasette and an in-app ceiling, driven by wrk.

    python bench/load.py --db sqlite:///bench/out/bench.db
    python bench/load.py --db postgresql+psycopg://postgres@127.0.0.1/onrecord_bench

For one database (already filled by bench/generate.py) this starts, one at a time,
each server on a free port and loads it with wrk (Debian's package, installed with
apt-get when missing) at the same concurrency:

- onrecord: `onrecord serve --no-seed`, `GET /claims?speaker=<full name>&limit=50`;
- Datasette (SQLite only; its own virtualenv, bench/.venv-datasette) on the same file:
  `GET /<db>/claims.json?speaker_id=<id>&_size=50&_labels=on` for the same speakers;
- the ceiling: `onrecord serve` again, with BENCH_CEILING_BODY set so that the app mounts
  `/_bench/ceiling` (app.api.ceiling), which answers with one real `/claims` response
  byte for byte through the same middleware stack and server settings;
- for reference only, the bare ceiling (bench/ceiling.py): the same body from a bare ASGI
  app under uvicorn, what the server, loop and HTTP parser alone cost.

All run under uvicorn with the settings `onrecord serve` uses (its worker count, uvloop,
httptools, no uvicorn access log). Then, against onrecord alone and one
request at a time: `q=` with a common word, a three-facet request and the full CSV
export, whose peak server RSS is sampled from /proc. Each is skipped, with the reason,
when the API does not offer it. Results go to stdout and `--out` as JSON.
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from procs import PeakRss, Server, free_port, get, wait_until_quiet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
DATASETTE_VENV = BENCH / ".venv-datasette"
LUA = BENCH / "latency.lua"
COMMON_WORD = "nato"
FACETS_PATH = "/claims/facets?facet=speaker&facet=kind&facet=said_on:month"
CSV_PATH = "/claims.csv"
CEILING_PATH = "/_bench/ceiling"  # app.api.ceiling.CEILING_PATH, mounted by BENCH_CEILING_BODY
# `onrecord serve` runs Settings.serve_workers processes: 1 unless SERVE_WORKERS says more. The
# other servers get as many, so that every ratio compares like with like.
WORKERS = int(os.environ.get("SERVE_WORKERS", "1"))


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_wrk() -> str:
    """Path to wrk, installing Debian's package first when it is missing."""
    if not shutil.which("wrk"):
        log("installing wrk with apt-get")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    return shutil.which("wrk") or "wrk"


def ensure_datasette() -> Path:
    """Python of a virtualenv holding Datasette and uvicorn, kept apart from onrecord's deps."""
    python = DATASETTE_VENV / "bin" / "python"
    if not (DATASETTE_VENV / "bin" / "datasette").exists():
        log(f"installing Datasette into {DATASETTE_VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        packages = ["datasette", "uvicorn[standard]"]
        subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
    return python


def sample_speakers(url: str, count: int = 100) -> list[tuple[int, str, int]]:
    """(id, name, claims) of `count` persons spread over the popularity ranks.

    Persons with at least one full page (50 claims) are preferred, so every response
    has the same shape and about the size of the ceiling's body.
    """
    engine = create_engine(url, poolclass=NullPool)
    sql = text(
        "SELECT s.id, s.name, count(*) AS n FROM claims c JOIN speakers s ON s.id = c.speaker_id "
        "WHERE s.kind = 'person' GROUP BY s.id, s.name ORDER BY n DESC, s.id"
    )
    with engine.connect() as conn:
        ranked = [tuple(row) for row in conn.execute(sql)]
    engine.dispose()
    full_pages = [row for row in ranked if row[2] >= 50]
    pool = full_pages if len(full_pages) >= 10 else ranked
    step = max(1, len(pool) / count)
    return [pool[int(i * step)] for i in range(min(count, len(pool)))]


def onrecord_paths(speakers) -> list[str]:
    return [f"/claims?speaker={quote(name)}&limit=50" for _, name, _ in speakers]


def datasette_paths(db_name: str, speakers) -> list[str]:
    return [f"/{db_name}/claims.json?speaker_id={sid}&_size=50&_labels=on" for sid, _, _ in speakers]


def onrecord_server(url: str, port: int, tag: str, name: str = "onrecord", env: dict | None = None) -> Server:
    argv = [str(ROOT / ".venv" / "bin" / "onrecord"), "serve", "--no-seed", "--host", "127.0.0.1",
            "--port", str(port)]
    return Server(name, argv, port, OUT / f"server-{name}-{tag}.log",
                  env={"DATABASE_URL": url, **(env or {})}, cwd=ROOT, ready_path="/health")


def uvicorn_argv(python: Path, target: str, port: int) -> list[str]:
    # The settings `onrecord serve` passes to uvicorn.run(): defaults, access log off
    # (onrecord writes its own JSON line per request instead).
    return [str(python), "-m", "uvicorn", target, "--app-dir", str(BENCH), "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(WORKERS), "--no-access-log"]


def bare_ceiling_server(body: Path, port: int, tag: str) -> Server:
    argv = uvicorn_argv(ROOT / ".venv" / "bin" / "python", "ceiling:app", port)
    return Server("ceiling-bare", argv, port, OUT / f"server-ceiling-bare-{tag}.log",
                  env={"CEILING_BODY": str(body)})


def datasette_server(python: Path, db_file: Path, port: int) -> Server:
    argv = uvicorn_argv(python, "datasette_app:app", port)
    return Server("datasette", argv, port, OUT / "server-datasette.log", env={"DATASETTE_DB": str(db_file)},
                  ready_path="/-/versions.json")


def check_paths(server: Server, paths: list[str]) -> list[int]:
    """GET every path once (a warm-up too); fail on any non-200; return the body sizes."""
    sizes = []
    for path in paths:
        status, body = get(server.port, path)
        if status != 200:
            raise RuntimeError(f"{server.name} answered {status} to {path}: {body[:300]!r}")
        sizes.append(len(body))
    return sizes


def run_wrk(server: Server, paths: list[str], opts: argparse.Namespace, unique: bool = True) -> dict:
    """Warm up, then load `server` with wrk cycling through `paths`; return wrk's summary.

    `unique` gives every request its own `_n=` parameter (ignored by all three servers),
    so a response cache keyed on the URL never answers and each request does the work.
    """
    paths_file = OUT / f"paths-{server.name}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    base = [opts.wrk, f"-t{opts.threads}", f"-c{opts.connections}", "--timeout", "30s",
            "-s", str(LUA), server.base_url]
    script_args = ["--", str(paths_file), *(["unique"] if unique else [])]
    subprocess.run([*base[:1], f"-d{opts.warmup}s", *base[1:], *script_args], check=True, capture_output=True)
    busy_before = wait_until_quiet(max_wait=opts.quiet_wait)
    load_before = load_average()
    with PeakRss(server.process.pid) as peak:
        done = subprocess.run([*base[:1], f"-d{opts.duration}s", *base[1:], *script_args],
                              check=True, capture_output=True, text=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["peak_rss_mb"] = round(peak.peak / 2**20, 1)
    # The machine is shared: a load average well above 2 (server + wrk) means other
    # processes took CPU during the run, and the figures are low by that much.
    result["loadavg_before_after"] = [load_before, load_average()]
    result["cpu_busy_before"] = busy_before
    result["unique_urls"] = unique
    label = server.name if unique else f"{server.name} (repeated URLs)"
    log(f"{label}: {result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
        f"p99 {result['p99_ms']:.1f} ms, non-2xx {result['errors_status']}")
    return result


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def sequential_latency(port: int, path: str, runs: int, warmups: int = 2) -> dict:
    """Latency of `path`, one request at a time on one keep-alive connection.

    Each request carries its own ignored `_n=` parameter, so no response cache answers.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    timings, status, size = [], 0, 0
    glue = "&" if "?" in path else "?"
    for i in range(warmups + runs):
        started = time.perf_counter()
        conn.request("GET", f"{path}{glue}_n=seq-{i}")
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        status, size = response.status, len(body)
        if i >= warmups:
            timings.append(elapsed)
    conn.close()
    return {"path": path, "status": status, "bytes": size, "runs": runs,
            "p50_ms": round(statistics.median(timings), 2), "max_ms": round(max(timings), 2)}


def openapi(port: int) -> dict:
    status, body = get(port, "/openapi.json")
    return json.loads(body) if status == 200 else {}


def claims_accepts_q(spec: dict) -> bool:
    params = spec.get("paths", {}).get("/claims", {}).get("get", {}).get("parameters", [])
    return any(param.get("name") == "q" for param in params)


def measure_q(server: Server, spec: dict, runs: int) -> dict:
    if not claims_accepts_q(spec):
        return {"skipped": "GET /claims has no q parameter (per /openapi.json)"}
    result = sequential_latency(server.port, f"/claims?q={COMMON_WORD}&limit=50", runs)
    log(f"q={COMMON_WORD}: p50 {result['p50_ms']} ms (status {result['status']})")
    return result


def has_route(spec: dict, path: str) -> bool:
    return path in spec.get("paths", {})


def measure_facets(server: Server, spec: dict, runs: int) -> dict:
    route = FACETS_PATH.split("?")[0]
    status, body = get(server.port, FACETS_PATH, timeout=600)
    if status == 404 or not has_route(spec, route):
        return {"skipped": f"no {route} route (answers {status}; not in /openapi.json)"}
    if status != 200:
        return {"skipped": f"{FACETS_PATH} answers {status}: {body[:200]!r}"}
    result = sequential_latency(server.port, FACETS_PATH, runs, warmups=1)
    log(f"three facets: p50 {result['p50_ms']} ms")
    return result


def measure_csv(server: Server, max_seconds: float) -> dict:
    """Stream the full CSV export and sample the server's RSS meanwhile.

    An export still running after `max_seconds` is cut off there (`complete` False):
    the rows read so far, their rate and the peak RSS are reported as they stand.
    """
    idle = server.rss()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    started = time.perf_counter()
    with PeakRss(server.process.pid, interval=0.01) as peak:
        conn.request("GET", CSV_PATH)
        response = conn.getresponse()
        if response.status != 200:
            conn.close()
            return {"skipped": f"no {CSV_PATH} route (answers {response.status})"}
        size = lines = 0
        complete, broken = False, None
        while time.perf_counter() - started < max_seconds:
            try:
                chunk = response.read1(1 << 16)
            except (http.client.HTTPException, OSError) as exc:
                broken = f"the server broke the stream off: {type(exc).__name__}"
                break
            if not chunk:
                complete = True
                break
            size += len(chunk)
            lines += chunk.count(b"\n")
    conn.close()
    seconds = time.perf_counter() - started
    result = {"bytes": size, "lines": lines, "seconds": round(seconds, 1), "complete": complete,
              "idle_rss_mb": round(idle / 2**20, 1), "peak_rss_mb": round(peak.peak / 2**20, 1)}
    if broken:
        result["broken"] = broken
    state = "complete" if complete else broken or f"stopped after {max_seconds:.0f} s"
    log(f"CSV export ({state}): {lines:,} lines in {seconds:.1f}s, peak RSS {result['peak_rss_mb']} MB")
    return result


def median_body(server: Server, paths: list[str], sizes: list[int]) -> bytes:
    """The response whose size is the median of `sizes`: the ceiling serves it verbatim."""
    middle = sorted(range(len(sizes)), key=sizes.__getitem__)[len(sizes) // 2]
    return get(server.port, paths[middle])[1]


def run_onrecord(url: str, speakers, opts, tag: str) -> tuple[dict, bytes]:
    paths = onrecord_paths(speakers)
    with onrecord_server(url, free_port(), tag) as server:
        sizes = check_paths(server, paths)
        body = median_body(server, paths, sizes)
        result = {"load": run_wrk(server, paths, opts), "mean_response_bytes": round(statistics.mean(sizes))}
        # The same 100 URLs again and again: what onrecord's response cache, if any, adds.
        result["load_repeated"] = run_wrk(server, paths, opts, unique=False)
        result["rss_after_load_mb"] = round(server.rss() / 2**20, 1)
        spec = openapi(server.port)
        result["q"] = measure_q(server, spec, opts.runs)
        result["facets"] = measure_facets(server, spec, max(3, opts.runs // 6))
        result["csv"] = measure_csv(server, opts.csv_max_seconds)
    return result, body


def run_datasette(db_file: Path, speakers, opts) -> dict:
    python = ensure_datasette()
    paths = datasette_paths(db_file.stem, speakers)
    with datasette_server(python, db_file, free_port()) as server:
        sizes = check_paths(server, paths)
        return {"load": run_wrk(server, paths, opts), "mean_response_bytes": round(statistics.mean(sizes))}


def run_ceiling(url: str, body: bytes, opts, tag: str) -> dict:
    """The in-app ceiling: onrecord itself serving `body` at CEILING_PATH."""
    body_file = OUT / f"ceiling-body-{tag}.json"
    body_file.write_bytes(body)
    env = {"BENCH_CEILING_BODY": str(body_file)}
    with onrecord_server(url, free_port(), tag, name="ceiling", env=env) as server:
        check_paths(server, [CEILING_PATH])
        return {"load": run_wrk(server, [CEILING_PATH], opts), "mean_response_bytes": len(body)}


def run_bare_ceiling(body: bytes, opts, tag: str) -> dict:
    """A reference row: the same body from a bare ASGI app, no onrecord at all."""
    body_file = OUT / f"ceiling-body-{tag}.json"
    body_file.write_bytes(body)
    with bare_ceiling_server(body_file, free_port(), tag) as server:
        check_paths(server, ["/"])
        return {"load": run_wrk(server, ["/claims"], opts), "mean_response_bytes": len(body)}


def run(url: str, opts: argparse.Namespace) -> dict:
    """Every measurement for the database at `url`; Datasette too when it is SQLite."""
    OUT.mkdir(parents=True, exist_ok=True)
    backend = make_url(url).get_backend_name()
    tag = backend
    speakers = sample_speakers(url)
    log(f"{backend}: {len(speakers)} speakers, {speakers[-1][2]:,} to {speakers[0][2]:,} claims each")
    results = {"backend": backend, "workers": WORKERS, "connections": opts.connections,
               "threads": opts.threads, "duration_s": opts.duration, "speakers_sampled": len(speakers)}
    results["onrecord"], body = run_onrecord(url, speakers, opts, tag)
    if backend == "sqlite" and not opts.no_datasette:
        results["datasette"] = run_datasette(Path(make_url(url).database).resolve(), speakers, opts)
    results["ceiling"] = run_ceiling(url, body, opts, tag)
    results["ceiling_bare"] = run_bare_ceiling(body, opts, tag)
    return results


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="SQLAlchemy URL of a database filled by generate.py")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--duration", type=int, default=20, help="seconds of measured load per server")
    p.add_argument("--warmup", type=int, default=5, help="seconds of unmeasured load first")
    p.add_argument("--runs", type=int, default=30, help="sequential requests for the q and facet timings")
    p.add_argument("--no-datasette", action="store_true")
    p.add_argument("--csv-max-seconds", type=float, default=300,
                   help="stop reading the CSV export after this long (it is reported as partial)")
    p.add_argument("--quiet-wait", type=float, default=60,
                   help="seconds to wait, at most, for other work to leave the CPUs idle before each run")
    p.add_argument("--out", type=Path, help="write the results here as JSON")
    return p


def main(argv: list[str] | None = None) -> int:
    opts = parser().parse_args(argv)
    opts.wrk = ensure_wrk()
    results = run(opts.db, opts)
    print(json.dumps(results, indent=2))
    if opts.out:
        opts.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
