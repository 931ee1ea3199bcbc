"""Render benchmark results as the Markdown sections of bench/README.md, replaced in place.

Only the sections named in `SECTIONS` belong to this benchmark; every other section of
the README (other engineers append their own) is kept as it is.
"""

import re
from pathlib import Path

SECTIONS = ("Query load (SQLite)", "Query load (PostgreSQL)", "Export memory", "Ingest end to end")
TARGETS = {"vs_datasette": 1.5, "vs_ceiling": 0.5, "p99_ms": 50, "q_p50_ms": 30, "facets_ms": 500,
           "csv_mb": 200, "ingest_per_s": 150, "ingest_mb": 300}


def verdict(holds: bool) -> str:
    return "holds" if holds else "**misses**"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _server_row(name: str, run: dict | None, onrecord_rps: float) -> str:
    if not run:
        return f"| {name} | - | - | - | - | - |"
    load = run["load"]
    return (f"| {name} | {_fmt(load['rps'], 0)} | {_fmt(load['p50_ms'])} | {_fmt(load['p99_ms'])} | "
            f"{run['mean_response_bytes']:,} | {_fmt(_ratio(onrecord_rps, load['rps']), 2)} |")


def _optional(result: dict, label: str, target_ms: float) -> str:
    if "skipped" in result:
        return f"- {label}: not measured, {result['skipped']}."
    ok = result["p50_ms"] < target_ms and result["status"] == 200
    return (f"- {label}: p50 **{result['p50_ms']:.1f} ms** (max {result['max_ms']:.1f} ms over "
            f"{result['runs']} sequential requests, HTTP {result['status']}); target < {target_ms:g} ms: "
            f"{verdict(ok)}.")


def load_section(results: dict, meta: dict) -> list[str]:
    """Table of onrecord / Datasette / ceiling for one backend, ratios and targets."""
    onrecord, datasette, ceiling = results["onrecord"], results.get("datasette"), results["ceiling"]
    bare = results.get("ceiling_bare")
    rps = onrecord["load"]["rps"]
    workers = results["workers"]
    lines = [
        f"{meta['claims']:,} claims; wrk -t{results['threads']} -c{results['connections']} for "
        f"{results['duration_s']} s after a warm-up; {results['speakers_sampled']} speakers cycled, every "
        "request made distinct with an ignored `_n=` parameter (so no response cache answers it) except "
        "in the \"repeated\" row; "
        f"every server under uvicorn with {workers} worker{'s' if workers != 1 else ''}, uvloop, httptools "
        "and no access log: the settings `onrecord serve` uses (it logs one JSON line per request itself). "
        "The ceiling is a route of onrecord itself (mounted only for the benchmark) that answers with one "
        "real `/claims` response, precomputed, through the same middleware and server settings; the bare "
        "ceiling, the same body from a bare ASGI app, is shown for reference only.",
        "",
        "| server | req/s | p50 ms | p99 ms | mean body bytes | onrecord / this (req/s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        _server_row("onrecord `/claims?speaker=<name>&limit=50`", onrecord, rps),
    ]
    if onrecord.get("load_repeated"):
        repeated = {**onrecord, "load": onrecord["load_repeated"]}
        lines.append(_server_row("onrecord, the same 100 URLs repeated (response cache)", repeated, rps))
    if datasette:
        lines.append(_server_row("Datasette `claims.json?speaker_id=N&_size=50&_labels=on`", datasette, rps))
    lines.append(_server_row("ceiling: onrecord route, precomputed body (`/_bench/ceiling`)", ceiling, rps))
    if bare:
        lines.append(_server_row("reference: bare ASGI app, same body (not the target)", bare, rps))
    lines.append("")
    lines += _targets(onrecord, datasette, ceiling)
    lines.append(_load_note(results))
    return lines


def _targets(onrecord: dict, datasette: dict | None, ceiling: dict) -> list[str]:
    rps, p99 = onrecord["load"]["rps"], onrecord["load"]["p99_ms"]
    lines = []
    if datasette:
        vs = _ratio(rps, datasette["load"]["rps"]) or 0
        lines.append(f"- Throughput vs Datasette: **{vs:.2f}x** (target >= {TARGETS['vs_datasette']}x): "
                     f"{verdict(vs >= TARGETS['vs_datasette'])}.")
    vc = _ratio(rps, ceiling["load"]["rps"]) or 0
    lines.append(f"- Throughput vs the in-app ceiling: **{vc:.2f}x** ({rps:,.0f} / "
                 f"{ceiling['load']['rps']:,.0f} req/s; target >= {TARGETS['vs_ceiling']}x): "
                 f"{verdict(vc >= TARGETS['vs_ceiling'])}.")
    lines.append(f"- p99 under load: **{p99:.2f} ms** (target < {TARGETS['p99_ms']} ms): "
                 f"{verdict(p99 < TARGETS['p99_ms'])}.")
    lines.append(_optional(onrecord["q"], "`q=nato` (one common word)", TARGETS["q_p50_ms"]))
    lines.append(_optional(onrecord["facets"], "three facets (speaker, kind, said_on:month)",
                           TARGETS["facets_ms"]))
    return lines


def _load_note(results: dict) -> str:
    named = [("onrecord", results["onrecord"]), ("Datasette", results.get("datasette")),
             ("ceiling", results["ceiling"]), ("bare ceiling", results.get("ceiling_bare"))]
    runs = [(name, run["load"]) for name, run in named if run]
    highest = max((max(run.get("loadavg_before_after") or [0]) for _, run in runs), default=0)
    busy = ", ".join(f"{name} {run.get('cpu_busy_before', 0):.0%}" for name, run in runs)
    return (f"- The machine is shared: CPU busy just before each run: {busy}; "
            f"load average peaked at {highest:.1f} on 2 cores (about 2 = server + wrk alone). "
            "Figures taken while others' work ran are low by that share.")


def export_section(by_backend: dict[str, dict], claims: int) -> list[str]:
    lines = ["Full `GET /claims.csv`, streamed; server RSS (process tree) sampled every 10 ms from /proc. "
             "An export still running after the time cap (`load.py --csv-max-seconds`) is cut off there "
             "and cannot pass the target, whatever its memory so far.",
             "",
             "| backend | rows | seconds | rows/s | idle RSS MB | peak RSS MB | target < 200 MB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for backend, results in by_backend.items():
        csv = results["onrecord"]["csv"]
        if "skipped" in csv:
            lines.append(f"| {backend} | not measured: {csv['skipped']} | | | | | |")
            continue
        ok = csv["peak_rss_mb"] < TARGETS["csv_mb"] and csv.get("complete", True)
        rows = max(csv["lines"] - 1, 0)
        rate = _fmt(_ratio(rows, csv["seconds"]), 0)
        shown = f"{rows:,}" if csv.get("complete", True) else f"{rows:,} of {claims:,} (cut off)"
        if csv.get("broken"):
            shown = f"{rows:,} of {claims:,}, then {csv['broken']}"
        lines.append(f"| {backend} | {shown} | {csv['seconds']} | {rate} | {csv['idle_rss_mb']} | "
                     f"{csv['peak_rss_mb']} | {verdict(ok)} |")
    return lines


def ingest_section(runs: list[dict]) -> list[str]:
    lines = ["`onrecord ingest DIR` of replicated article files (each copy made distinct), a fresh SQLite "
             "file, wall time including start-up; peak RSS of the process tree sampled from /proc.", "",
             "| files | workers | articles added | seconds | articles/s | peak RSS MB "
             "| targets (>= 150/s, < 300 MB) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for run in runs:
        ok = run["articles_per_s"] >= TARGETS["ingest_per_s"] and run["peak_rss_mb"] < TARGETS["ingest_mb"]
        lines.append(f"| {run['files']:,} | {run['workers']} | {run['added']:,} | {run['seconds']} | "
                     f"{run['articles_per_s']} | {run['peak_rss_mb']} | {verdict(ok)} |")
    return lines


def replace_sections(readme: Path, bodies: dict[str, list[str]], preamble: str) -> None:
    """Write `bodies` under their `## ` headings in `readme`, leaving other sections alone."""
    text = readme.read_text() if readme.exists() else "# Benchmarks\n\n" + preamble + "\n"
    for title, body in bodies.items():
        block = f"## {title}\n\n" + "\n".join(body).rstrip() + "\n\n"
        pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^#{{1,2}} |\Z)", re.S | re.M)
        if pattern.search(text):
            text = pattern.sub(lambda _m, b=block: b, text, count=1)
        else:
            text = text.rstrip() + "\n\n" + block
    readme.write_text(text.rstrip() + "\n")


def _vs_ceiling(results: dict) -> float | None:
    return _ratio(results["onrecord"]["load"]["rps"], results["ceiling"]["load"]["rps"])


def side_by_side(by_backend: dict[str, dict]) -> list[str]:
    """onrecord's figures on both backends in one table."""
    names = list(by_backend)
    rows = [
        ("req/s (c32)", lambda r: _fmt(r["onrecord"]["load"]["rps"], 0)),
        ("p50 ms", lambda r: _fmt(r["onrecord"]["load"]["p50_ms"])),
        ("p99 ms", lambda r: _fmt(r["onrecord"]["load"]["p99_ms"])),
        ("vs in-app ceiling", lambda r: _fmt(_vs_ceiling(r), 2)),
        ("q=nato p50 ms", lambda r: _fmt(r["onrecord"]["q"].get("p50_ms"))),
        ("three facets p50 ms", lambda r: _fmt(r["onrecord"]["facets"].get("p50_ms"))),
        ("CSV export peak RSS MB", lambda r: _fmt(r["onrecord"]["csv"].get("peak_rss_mb"))),
    ]
    lines = ["Side by side (onrecord):", "", "| | " + " | ".join(names) + " |",
             "| --- |" + " ---: |" * len(names)]
    lines += [f"| {label} | " + " | ".join(cell(by_backend[n]) for n in names) + " |" for label, cell in rows]
    return lines
