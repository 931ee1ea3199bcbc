"""Several writers storing articles at once: no twin speakers, no lost claims.

Threads with their own sessions (and so their own connections) race inside the
database, which is where the conflicts happen; on PostgreSQL they truly overlap.
"""

import random
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from app.db import session_factory
from app.ingest_store import store_retrying
from app.models import Claim, Document, Speaker, SpeakerAlias
from app.pipeline.types import Article, Extraction, SpeakerRef, Statement

PEOPLE = ["Jane Doe", "Tom Reed", "Ada Byrne", "Sam Okafor", "Lena Park", "Maria Santos"]
WRITERS = 4
ARTICLES = 48


def build(number: int) -> tuple[Article, Extraction]:
    """Article `number` quotes three of PEOPLE, each once, in a number-dependent order."""
    people = random.Random(number).sample(PEOPLE, 3)
    sentences = [f'"Point {number}-{i}," {name} said.' for i, name in enumerate(people)]
    text = " ".join(sentences)
    statements = []
    for i, name in enumerate(people):
        quote = f"Point {number}-{i},"
        start = text.index(quote)
        statements.append(Statement(speaker=name, text=quote, kind="direct", cue="said", mention=name,
                                    start=start, end=start + len(quote), confidence=0.9))
    speakers = tuple(SpeakerRef(name=name, kind="person", aliases=(name.split()[-1],)) for name in people)
    extraction = Extraction(speakers=speakers, statements=tuple(statements))
    return Article(source=f"{number}.txt", text=text), extraction


def store_all(engine, numbers: list[int]) -> int:
    """Store the articles `numbers` in order, as one ingest process would; return claims."""
    claims = 0
    with session_factory(engine)() as session:
        for number in numbers:
            claims += store_retrying(session, *build(number)).claims
    return claims


def test_concurrent_writers_create_each_speaker_once_and_keep_every_claim(engine):
    # Every writer gets every article, in its own order, so they collide constantly.
    orders = [random.Random(seed).sample(range(ARTICLES), ARTICLES) for seed in range(WRITERS)]

    with ThreadPoolExecutor(WRITERS) as pool:
        claims_written = sum(pool.map(lambda order: store_all(engine, order), orders))

    with session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == ARTICLES
        assert claims_written == ARTICLES * 3
        assert session.scalar(select(func.count()).select_from(Claim)) == ARTICLES * 3
        assert sorted(session.scalars(select(Speaker.name))) == sorted(PEOPLE)
        assert session.scalar(select(func.count()).select_from(SpeakerAlias)) == 2 * len(PEOPLE)
