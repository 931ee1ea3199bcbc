"""The index-bounded /claims page (read on the event loop's thread) against the general path.

bounded_claims_page must give list_claims's page byte for byte, or decline with None;
the speaker names it relies on are cached only until the next commit.
"""

import sqlite3
from itertools import pairwise

import pytest

from app.models import SpeakerAlias
from app.queries import claims as claim_queries
from app.queries.claims import ClaimFilters, bounded_claims_page, list_claims
from app.queries.prepared import Prepared
from app.queries.speakers import resolve_speakers
from app.schemas.claims import claim_page_json
from app.textnorm import fold
from tests.api.conftest import walk

pytestmark = pytest.mark.usefixtures("record")


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """SQLite only: other backends never take the bounded path (Database.inline)."""
    return sqlite_url


def _bounded(engine, **kwargs):
    pooled = engine.raw_connection()
    try:
        return bounded_claims_page(pooled.driver_connection, engine, **kwargs)
    finally:
        pooled.close()


def _both_walks(session, engine, filters, sort, limit):
    """Every page of both paths, following each path's own cursors; the JSON of each page."""
    bounded, general = [], []
    for path in (bounded, general):
        cursor = None
        for _ in range(50):
            arguments = dict(filters=filters, sort=sort, limit=limit, cursor=cursor)
            page = (
                _bounded(engine, **arguments)
                if path is bounded
                else list_claims(session=session, **arguments)
            )
            assert page is not None, "the bounded path declined a bounded listing"
            path.append(claim_page_json(page))
            cursor = page.next_cursor
            if cursor is None:
                break
    return bounded, general


@pytest.mark.parametrize("sort", ["-said_on", "said_on"])
@pytest.mark.parametrize("limit", [1, 2, 5, 50])
@pytest.mark.parametrize(
    "speaker", [(), ("Hegseth",), ("José Ibáñez",), ("the federation",), ("Nobody Here",)]
)
def test_same_pages_as_the_general_path(session, engine, speaker, sort, limit):
    filters = ClaimFilters(speaker=speaker)
    resolve_speakers(session=session, terms=speaker)  # what a first request does
    bounded, general = _both_walks(session, engine, filters, sort, limit)
    assert bounded == general
    assert len(bounded) >= 1


@pytest.mark.parametrize(
    "filters, sort, count",
    [
        (ClaimFilters(kind=("direct",)), "-said_on", False),  # another filter: may scan far
        (ClaimFilters(q="budget"), "-said_on", False),
        (ClaimFilters(speaker=("Hegseth", "Rahman")), "-said_on", False),  # two speakers: a sort
        (ClaimFilters(), "confidence", False),
        (ClaimFilters(), "-said_on", True),  # a count reads every match
    ],
)
def test_declines_what_is_not_bounded(session, engine, filters, sort, count):
    resolve_speakers(session=session, terms=filters.speaker)
    page = _bounded(engine, filters=filters, sort=sort, limit=5, cursor=None, count=count)
    assert page is None


def test_declines_a_speaker_name_not_looked_up_since_the_last_commit(session, engine, record):
    filters = ClaimFilters(speaker=("Rahman",))
    assert _bounded(engine, filters=filters, sort="-said_on", limit=5, cursor=None) is None
    resolve_speakers(session=session, terms=("Rahman",))
    assert _bounded(engine, filters=filters, sort="-said_on", limit=5, cursor=None) is not None
    session.add(SpeakerAlias(speaker_id=record.speakers["seth"], alias="Rahman", normalized=fold("Rahman")))
    session.commit()
    assert _bounded(engine, filters=filters, sort="-said_on", limit=5, cursor=None) is None


def test_a_new_alias_is_found_by_the_very_next_request(client, session, record):
    def speakers_of(response):
        return {item["speaker"]["name"] for item in response.json()["items"]}

    assert speakers_of(client.get("/claims", params={"speaker": "Rahman"})) == {"Aisha Rahman"}
    assert speakers_of(client.get("/claims", params={"speaker": "Rahman", "x": 1})) == {"Aisha Rahman"}
    session.add(SpeakerAlias(speaker_id=record.speakers["seth"], alias="Rahman", normalized=fold("Rahman")))
    session.commit()
    answer = client.get("/claims", params={"speaker": "Rahman", "x": 2})
    assert speakers_of(answer) == {"Aisha Rahman", "Anna Seth"}


def test_a_driver_error_on_the_bounded_path_is_answered_by_the_general_path(client, monkeypatch):
    expected = client.get("/claims", params={"limit": 3}).json()

    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Prepared, "rows", locked)
    answer = client.get("/claims", params={"limit": 3, "again": 1})
    assert answer.status_code == 200 and answer.json() == expected


def test_a_forged_cursor_is_a_422_on_the_bounded_path(client, monkeypatch):
    general = []
    monkeypatch.setattr(claim_queries, "list_claims", lambda **kw: general.append(kw))
    answer = client.get("/claims", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert answer.status_code == 422 and answer.json()["parameter"] == "cursor"
    assert general == []  # refused by the bounded path itself, not handed on


@pytest.mark.parametrize("sort", ["-said_on", "said_on"])
def test_http_walks_list_every_claim_once_in_order(client, record, sort):
    items = walk(client, "/claims", sort=sort, limit=2)
    assert sorted(item["id"] for item in items) == sorted(record.claims.values())
    dated = [item["said_on"] for item in items if item["said_on"] is not None]
    assert all((a >= b) if sort.startswith("-") else (a <= b) for a, b in pairwise(dated))
    assert items[-1]["said_on"] is None  # undated claims come last
