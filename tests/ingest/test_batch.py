"""Many articles per transaction: a failing article is undone alone, merging stays exact.

`ArticleBatch` is what `onrecord ingest` uses on SQLite; it is tested on both backends
because nothing in it is SQLite-only but the BEGIN IMMEDIATE.
"""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from app.db import session_factory
from app.extract_worker import ExtractorPool, extract_or_reason
from app.ingest import ingest_paths
from app.models import Claim, Document, Speaker
from app.pipeline.persist import ArticleBatch, store_article
from app.pipeline.types import Extraction, Statement
from tests.ingest.test_persist import aliases_of, article, count, person, quoting, said

TEXT_B = "It is broken, Ann Lee said."
BROKEN = Extraction(
    speakers=(person("Ann Lee", "Lee"), person("Jane Doe", "J. Doe")),
    statements=(
        Statement(speaker="Ann Lee", text="It is broken", kind="direct", cue="said", mention="Ann Lee",
                  start=0, end=12, confidence=7.0),  # violates the confidence check constraint
    ),
)


def names(session) -> list[str]:
    return sorted(session.scalars(select(Speaker.name)))


def test_a_failing_article_is_undone_alone_and_what_it_taught_is_forgotten(session):
    batch = ArticleBatch(session)
    text_a = '"The bridge opens in May," Jane Doe said.'
    batch.store(article(text_a), quoting(person("Jane Doe", "Doe"), text_a, "The bridge opens in May"))
    with pytest.raises(IntegrityError):
        batch.store(article(TEXT_B, "b.txt"), BROKEN)
    # Ann Lee was created and looked up inside the failed article; the batch must not
    # remember her id (it was rolled back), so she is created again here.
    text_c = '"It works now," Ann Lee said.'
    batch.store(article(text_c, "c.txt"), quoting(person("Ann Lee", "Lee"), text_c, "It works now"))
    batch.commit()

    assert count(session, Document) == 2
    assert count(session, Claim) == 2
    assert names(session) == ["Ann Lee", "Jane Doe"]
    assert aliases_of(session, "Ann Lee") == {"ann lee", "lee"}
    assert aliases_of(session, "Jane Doe") == {"jane doe", "doe"}  # 'j. doe' went with article b


def test_rolled_back_batch_leaves_nothing_and_forgets_its_aliases(session):
    batch = ArticleBatch(session)
    text_a = '"Fine," Tom Reed said.'
    batch.store(article(text_a), quoting(person("Tom Reed", "Reed"), text_a, "Fine,"))
    batch.rollback()
    batch.store(article(text_a), quoting(person("Tom Reed", "Reed"), text_a, "Fine,"))
    batch.commit()

    assert count(session, Document) == 1
    assert aliases_of(session, "Tom Reed") == {"tom reed", "reed"}


def test_surname_links_inside_one_batch_follow_what_the_batch_stored(session):
    batch = ArticleBatch(session)

    def quote(number: int, ref, speaker: str) -> int:
        text = f'"Point {number}," {speaker} said.'
        extraction = Extraction(speakers=(ref,), statements=(said(text, ref.name, f"Point {number},"),))
        return batch.store(article(text, f"{number}.txt"), extraction).document_id

    quote(1, person("Doe"), "Doe")  # nobody known yet: a speaker of its own
    quote(2, person("Jane Doe", "Doe"), "Jane Doe")
    quote(3, person("Doe"), "Doe")  # exactly one person with that surname now: Jane Doe
    quote(4, person("John Doe"), "John Doe")
    quote(5, person("Doe"), "Doe")  # two: ambiguous, back to the bare 'Doe'
    batch.commit()

    speaker_of = dict(
        session.execute(
            select(Document.source, Speaker.name)
            .join(Claim, Claim.document_id == Document.id)
            .join(Speaker, Speaker.id == Claim.speaker_id)
        ).all()
    )
    assert speaker_of == {"1.txt": "Doe", "2.txt": "Jane Doe", "3.txt": "Jane Doe", "4.txt": "John Doe",
                          "5.txt": "Doe"}
    assert session.scalar(select(func.count()).where(Speaker.merge_key == "person:doe")) == 1


def test_a_failed_commit_is_stored_again_one_article_at_a_time(sqlite_url, tmp_path, monkeypatch):
    from app.db import get_engine

    for number in range(5):
        story = f'Story {number}.\n"We need answer {number}," Jane Doe said.\n'
        (tmp_path / f"{number}.txt").write_text(story)
    real_commit = ArticleBatch.commit
    failures = []

    def commit_failing_once(self):
        if not failures:
            failures.append(self.size)
            self.rollback()
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        real_commit(self)

    monkeypatch.setattr(ArticleBatch, "commit", commit_failing_once)
    engine = get_engine(sqlite_url)

    report = ingest_paths([tmp_path], engine, workers=1)

    assert len(failures) == 1  # the first batch failed to commit, whatever its size
    assert (report.added, report.failed) == (5, 0)
    assert count_rows(engine, Document) == 5


def count_rows(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_extractor_pool_answers_in_order_and_survives_a_dead_child():
    texts = [(f'"Point {n}," Jane Doe said.', None) for n in range(3)]
    with ExtractorPool(1) as pool:
        assert pool.submit(texts).result() == [extract_or_reason(*job) for job in texts]
        pool._children[0].kill()  # as if an article had crashed it
        assert pool.submit(texts[:2]).result() == ["extraction process exited (code -9)"] * 2
        assert pool.submit(texts[:1]).result() == [extract_or_reason(*texts[0])]


TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
MATCHING = "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?"


def test_the_search_index_filled_per_batch_matches_the_tables(sqlite_url, tmp_path):
    from app.db import get_engine

    for number in range(30):
        story = f'Ferry story {number}.\n"The ferries will run all winter {number}," Ada Byrne said.\n'
        (tmp_path / f"{number:02}.txt").write_text(story)
    engine = get_engine(sqlite_url)
    with engine.connect() as conn:
        triggers_before = sorted(conn.exec_driver_sql(TRIGGERS))

    report = ingest_paths([tmp_path], engine, workers=1)

    assert report.added == 30
    with engine.connect() as conn:
        # The insert triggers are back exactly as the migration made them ...
        assert sorted(conn.exec_driver_sql(TRIGGERS)) == triggers_before
        # ... and each index holds exactly its table's rows (FTS5 checks an external
        # content table against the table itself).
        for table in ("documents", "claims", "reactions"):
            conn.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
        found = conn.exec_driver_sql(MATCHING, ("ferries",)).scalar()
        assert found == conn.exec_driver_sql("SELECT count(*) FROM claims").scalar() == report.claims > 0
    # One article through the API's path afterwards is indexed by the triggers again.
    with session_factory(engine)() as session:
        text = '"Trams are free on Sundays," Lena Park said.'
        store_article(session, article(text, "api.txt"), quoting(person("Lena Park"), text, "Trams are free"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql(MATCHING, ("trams",)).scalar() == 1
        conn.exec_driver_sql("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
