"""Reads under load while `onrecord ingest` writes: no errors, and never half an article.

A real `onrecord serve` (uvicorn) and a real `onrecord ingest` share one SQLite file.
Reader threads list documents, open them and count their claims while the ingest runs
(and one client posts articles over HTTP). Every claim count a reader saw for a document
must equal that document's final count: a document is visible with all its claims or
not at all. Small counts in `make test`; 2,000 articles and >= 5,000 requests with
`pytest -m stress`.
"""

import os
import random
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select

from app.models import Claim, Document
from tests.servers import start_server, stop

FIRST = ["Ana", "Tom", "Lena", "Omar", "Mei", "Raj", "Ines", "Karl", "Zoe", "Yusuf"]
LAST = ["Silva", "Berg", "Ortiz", "Haddad", "Chen", "Patel", "Moreau", "Novak", "Adams", "Kaya"]
TOPICS = ["harbour plan", "school budget", "wind farm", "tram line", "water tariff", "housing bill"]
READERS = 8


def article(index: int) -> str:
    """A unique article with one to four attributed statements and maybe a reaction."""
    rng = random.Random(index)
    topic = f"{rng.choice(TOPICS)} number {index}"
    people = [
        f"{first} {last}" for first, last in zip(rng.sample(FIRST, 4), rng.sample(LAST, 4), strict=True)
    ]
    lines = [f'"The {topic} will cost more than promised," Mayor {people[0]} said on Monday.']
    extra = [
        f"Council member {people[1]} told reporters the vote on the {topic} would be close.",
        f'"We cannot support the {topic}," said {people[2]}, a spokeswoman for the Port Workers Union.',
        f'"Nobody asked the residents about the {topic}," {people[3]} said.',
    ]
    lines += extra[: rng.randrange(0, 4)]
    if rng.random() < 0.5:
        lines.append(f"{people[1].split()[1]} criticised {people[0].split()[1]}'s figures.")
    return f"***The {topic}***\n" + " ".join(lines) + "\n"


@dataclass
class Observations:
    """What the readers saw, shared between threads."""

    requests: int = 0
    errors: list[str] = field(default_factory=list)
    claim_counts: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, document_id: int, claims: int) -> None:
        with self.lock:
            self.claim_counts[document_id].add(claims)

    def count(self, response: httpx.Response) -> dict:
        with self.lock:
            self.requests += 1
            if response.status_code != 200:
                self.errors.append(f"{response.request.url}: {response.status_code} {response.text[:300]}")
        return response.json() if response.status_code == 200 else {}


def read_until(base: str, stop_event: threading.Event, seen: Observations, seed: int) -> None:
    """One reader: list documents, open one, count its claims; again and again."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop_event.is_set():
            try:
                page = seen.count(client.get("/documents", params={"limit": rng.choice([5, 50, 200])}))
                items = page.get("items", [])
                for item in items:
                    seen.saw(item["id"], item["claim_count"])
                if not items:
                    continue
                chosen = rng.choice(items)["id"]
                detail = seen.count(client.get(f"/documents/{chosen}"))
                if detail:
                    seen.saw(chosen, len(detail["claims"]))
                listed = seen.count(client.get("/claims", params={"document": chosen, "count": "true"}))
                if listed:
                    seen.saw(chosen, listed["total"])
                seen.count(client.get("/speakers", params={"limit": 20}))
            except httpx.HTTPError as exc:
                with seen.lock:
                    seen.requests += 1
                    seen.errors.append(f"{type(exc).__name__}: {exc}")


def post_articles(base: str, key: str, first: int, count: int, seen: Observations) -> None:
    """Writes over HTTP alongside the ingest: each answer is 201 (or 200 if already there)."""
    with httpx.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {key}"}) as client:
        for index in range(first, first + count):
            response = client.post(
                "/documents", content=article(index).encode(), headers={"Content-Type": "text/plain"}
            )
            with seen.lock:
                seen.requests += 1
                if response.status_code not in (200, 201):
                    seen.errors.append(f"POST: {response.status_code} {response.text[:300]}")


def final_claim_counts(url: str) -> dict[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = dict(conn.execute(select(Claim.document_id, func.count()).group_by(Claim.document_id)).all())
        ids = conn.scalars(select(Document.id)).all()
    engine.dispose()
    return {document_id: counts.get(document_id, 0) for document_id in ids}


def cli(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_load(tmp_path: Path, articles: int, min_requests: int) -> dict:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for index in range(articles):
        (corpus / f"{index:05d}.txt").write_text(article(index))
    url = f"sqlite:///{tmp_path / 'load.db'}"
    env = dict(os.environ, DATABASE_URL=url)
    key = subprocess.run(
        [sys.executable, "-m", "app", "keys", "create", "loader"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    server_log = tmp_path / "server.log"
    server, base = start_server(env, server_log, "--no-seed")
    seen, stop_event = Observations(), threading.Event()
    readers = [threading.Thread(target=read_until, args=(base, stop_event, seen, n)) for n in range(READERS)]
    # The HTTP writer posts articles the ingest also holds: both paths race for the same content.
    writer = threading.Thread(target=post_articles, args=(base, key, articles - 20, 40, seen))
    started = time.monotonic()
    try:
        for thread in readers:
            thread.start()
        ingest = cli("ingest", str(corpus), env=env)
        writer.start()
        ingest_out, ingest_err = ingest.communicate(timeout=1800)
        ingest_seconds = time.monotonic() - started
        writer.join()
        while seen.requests < min_requests and server.poll() is None and time.monotonic() - started < 600:
            time.sleep(0.2)
    finally:
        stop_event.set()
        for thread in readers:
            thread.join()
        stop(server)
    final = final_claim_counts(url)
    return {
        "server_exit": server.returncode,
        "ingest": (ingest.returncode, ingest_out, ingest_err, ingest_seconds),
        "seconds": time.monotonic() - started,
        "seen": seen,
        "final": final,
        "server_log": server_log.read_text(),
    }


def check_and_report(result: dict, articles: int, min_requests: int) -> None:
    returncode, out, err, ingest_seconds = result["ingest"]
    seen: Observations = result["seen"]
    final: dict[int, int] = result["final"]
    half_seen = {doc: counts for doc, counts in seen.claim_counts.items() if counts != {final.get(doc)}}
    print(
        f"\nload with writes: {articles} articles ingested in {ingest_seconds:.1f} s ({out.strip()}); "
        f"{seen.requests} requests from {READERS} readers + 1 HTTP writer in {result['seconds']:.1f} s "
        f"({seen.requests / result['seconds']:.0f}/s); {len(seen.errors)} errors; "
        f"{len(seen.claim_counts)} documents seen, {len(half_seen)} ever seen with missing claims; "
        f"final: {len(final)} documents, {sum(final.values())} claims"
    )
    assert result["server_exit"] in (0, -15), f"server died: {result['server_exit']}"
    assert returncode == 0, err[-2000:]
    assert not seen.errors, seen.errors[:10]
    assert "database is locked" not in result["server_log"] + err
    assert "Traceback" not in result["server_log"], result["server_log"][-3000:]
    assert result["server_log"].count('"status": 200') >= seen.requests - 40  # one JSON line per request
    assert len(final) == articles + 20  # the writer's 20 overlap the ingest's last 20 articles
    assert seen.requests >= min_requests
    assert len(seen.claim_counts) > articles // 4, "readers saw too little of the ingest"
    assert not half_seen, dict(list(half_seen.items())[:10])


def test_readers_never_see_half_an_article_while_ingest_writes(tmp_path):
    articles, min_requests = 150, 600
    check_and_report(run_load(tmp_path, articles, min_requests), articles, min_requests)


@pytest.mark.stress
def test_load_with_writes_full(tmp_path):
    articles, min_requests = 2000, 5000
    check_and_report(run_load(tmp_path, articles, min_requests), articles, min_requests)
