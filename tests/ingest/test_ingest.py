"""ingest_paths over real files into real databases: good files stored, bad ones reported."""

import codecs
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.config import PROJECT_ROOT
from app.db import get_engine
from app.ingest import ingest_paths, seed_if_empty
from app.ingest_prepare import MAX_FILE_BYTES, count_inputs, iter_inputs
from app.models import Claim, Document, Reaction, Speaker

FIXTURES = Path(__file__).parent.parent / "fixtures" / "articles"
FIXTURE_DOCUMENTS = 7  # txt 1 + md 1 + html 1 + json 2 + jsonl 2


def documents(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(Document.source, Document.title)).all())


def count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The fixture articles plus one of every kind of bad file, side by side."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES, root)
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "nul.txt").write_bytes(b"Some words\x00 and a NUL byte.")
    (bad / "broken.json").write_bytes(b'{"title": "oops", "text": "unterminated')
    (bad / "deep.json").write_bytes(b"[" * 500 + b"]" * 500)
    (bad / "one_without_text.json").write_bytes(
        b'[{"title": "Kept", "text": "Ferry timetable changes, Ada Byrne said."}, {"title": "No body"}]'
    )
    scripts = b"<script>" + b"track();" * 500 + b"</script>"
    (bad / "scripts_only.html").write_bytes(b"<html><body>" + scripts + b"</body></html>")
    (bad / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (bad / "notes.pdf").write_bytes(b"%PDF-1.4 skipped silently inside a directory")
    good = root / "encodings"
    good.mkdir()
    (good / "latin1.txt").write_bytes("Señor Núñez said the café would stay open.".encode("latin-1"))
    (good / "bom.txt").write_bytes(codecs.BOM_UTF8 + b"A BOM-prefixed story, Lena Park said.")
    (good / "crlf.txt").write_bytes(b"Windows line ends,\r\nTom Reed said.\r\n")
    (root / "loop").symlink_to(root, target_is_directory=True)
    return root


def test_good_files_are_stored_and_every_bad_one_is_named(engine, corpus):
    report = ingest_paths([corpus], engine)

    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons == {
        "empty.txt": "empty file",
        "dangling.txt": "unreadable: No such file or directory",
        "binary.txt": "binary content (NUL bytes), not a text file",
        "nul.txt": "binary content (NUL bytes), not a text file",
        "broken.json": reasons["broken.json"],
        "deep.json": "JSON nested too deeply (500 levels, at most 32)",
        "one_without_text.json": 'item 1: no text (needs a non-empty "text" or "body" string)',
        "scripts_only.html": "no text",
        "loop": reasons["loop"],
    }
    assert reasons["broken.json"].startswith("malformed JSON at line 1, column 27")
    assert reasons["loop"].startswith("symlink loop")
    assert (report.added, report.unchanged, report.failed) == (FIXTURE_DOCUMENTS + 4, 0, 9)
    titles = {title for _, title in documents(engine)}
    assert {"Kept", "River clean-up begins", "Tram fares frozen"} <= titles
    with engine.connect() as conn:
        texts = set(conn.scalars(select(Document.text)))
    assert "Señor Núñez said the café would stay open." in texts
    assert "A BOM-prefixed story, Lena Park said." in texts
    assert "Windows line ends,\nTom Reed said." in texts


def test_reingesting_changes_nothing(engine, corpus):
    first = ingest_paths([corpus], engine)
    before = (documents(engine), count(engine, Claim), count(engine, Speaker))

    again = ingest_paths([corpus], engine)

    assert (again.added, again.unchanged) == (0, first.added)
    assert (again.claims, again.speakers) == (0, 0)
    assert (documents(engine), count(engine, Claim), count(engine, Speaker)) == before


def test_explicit_unsupported_or_missing_file_is_an_error(engine, tmp_path):
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF")

    report = ingest_paths([notes, tmp_path / "missing.txt", FIXTURES / "briefs.jsonl"], engine)

    assert [(Path(f.path).name, f.reason) for f in report.failures] == [
        ("notes.pdf", "unsupported file type '.pdf'"),
        ("missing.txt", "no such file or directory"),
    ]
    assert report.added == 2


def test_walk_order_is_deterministic_and_reaches_each_directory_once(corpus):
    (corpus / "again").symlink_to(corpus / "encodings", target_is_directory=True)

    walked = [str(item) if isinstance(item, Path) else item.path for item in iter_inputs([corpus])]

    assert walked == [str(item) if isinstance(item, Path) else item.path for item in iter_inputs([corpus])]
    assert sum(name.endswith("latin1.txt") for name in walked) == 1
    assert count_inputs([corpus]) == len(walked)


def test_progress_sees_every_file(engine, corpus):
    seen = []

    ingest_paths([corpus], engine, progress=seen.append)

    assert len(seen) == count_inputs([corpus])


def test_four_workers_store_exactly_what_one_worker_stores(database_url, tmp_path, corpus):
    # Many articles sharing speakers, so workers race to create the same people.
    many = tmp_path / "many"
    many.mkdir()
    for number in range(40):
        (many / f"{number:03}.txt").write_text(
            f"Story {number}: the council met again.\n\"We need answer {number},\" Jane Doe said.\n"
        )
    single_url = f"sqlite:///{tmp_path / 'single.db'}"

    # Both runs are fresh processes, so both use the extractor as it is on disk now.
    one = run_cli_ingest([corpus, many], single_url, workers=1)
    four = run_cli_ingest([corpus, many], database_url, workers=4)

    assert four.returncode == one.returncode == 1  # the corpus holds bad files
    assert four.stdout == one.stdout
    assert sorted(four.stderr.splitlines()) == sorted(one.stderr.splitlines())
    assert record(get_engine(database_url)) == record(get_engine(single_url))


def run_cli_ingest(paths: list[Path], url: str, workers: int) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "app", "ingest", *map(str, paths), "--db", url, f"--workers={workers}"]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)


def record(engine) -> tuple:
    """Everything that must not depend on the number of workers (ids may differ)."""
    with engine.connect() as conn:
        docs = sorted(conn.execute(select(Document.content_sha256, Document.title)).all())
        speakers = sorted(conn.execute(select(Speaker.name, Speaker.kind)).all())
        claims = sorted(
            conn.execute(
                select(Document.content_sha256, Speaker.name, Claim.text, Claim.span_start)
                .join(Document, Document.id == Claim.document_id)
                .join(Speaker, Speaker.id == Claim.speaker_id)
            ).all()
        )
        reactions = sorted(
            conn.execute(
                select(Document.content_sha256, Speaker.name, Reaction.stance, Reaction.span_start)
                .join(Document, Document.id == Reaction.document_id)
                .join(Speaker, Speaker.id == Reaction.reactor_id)
            ).all()
        )
    return docs, speakers, claims, reactions


POISONED = '"The POISON plan is ready," Vera Quill said on Monday.'


def test_an_article_failing_midway_leaves_nothing_behind(sqlite_url, tmp_path):
    """A claim the database refuses (via a trigger) rolls back its whole article only."""
    from app.pipeline.extract import extract

    if not extract(POISONED).statements:
        pytest.skip("the extractor finds no statement to poison")
    engine = get_engine(sqlite_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON claims WHEN NEW.text LIKE '%POISON%' "
            "BEGIN SELECT RAISE(ABORT, 'poisoned claim refused'); END"
        )
    batch = tmp_path / "batch.json"
    batch.write_text(
        '[{"text": "\\"Ferries will run all winter,\\" Ada Byrne said."},'
        ' {"text": ' + json.dumps(POISONED) + "},"
        ' {"text": "\\"Tram fares stay frozen,\\" Lena Park said."}]'
    )

    report = ingest_paths([batch], engine)

    assert [f.reason for f in report.failures] == ["not stored: poisoned claim refused"]
    assert report.added == 2
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).where(Document.text.like("%POISON%"))) == 0
        assert conn.scalar(select(func.count()).where(Speaker.name == "Vera Quill")) == 0
        assert conn.scalar(select(func.count()).select_from(Claim)) == report.claims > 0
        for table in ("documents", "claims", "reactions"):  # the search index holds exactly those rows
            conn.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")


def test_seeding_fills_only_an_empty_database(engine):
    first = seed_if_empty(engine, FIXTURES)
    second = seed_if_empty(engine, FIXTURES / "wire.json")

    assert first is not None and first.added == FIXTURE_DOCUMENTS
    assert second is None
    assert count(engine, Document) == FIXTURE_DOCUMENTS


def test_an_oversized_file_is_reported_not_read(engine, tmp_path):
    huge = tmp_path / "dump.json"
    with huge.open("wb") as sparse:  # sparse: costs no disk
        sparse.truncate(MAX_FILE_BYTES + 1)

    report = ingest_paths([huge], engine)

    assert [f.reason for f in report.failures] == ["too large (67,108,865 bytes; at most 67,108,864)"]
