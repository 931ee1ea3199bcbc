"""The bounded /claims page through a session (the worker-thread path, every backend).

bounded_claims_page_in must give list_claims's pages byte for byte. On PostgreSQL the
speaker names it needs are cached under the version the response cache read for the
request (known_data_version); without one it declines.
"""

import pytest

from app.queries.claims import ClaimFilters, bounded_claims_page_in, list_claims
from app.queries.speakers import resolve_speakers
from app.queries.version import data_version, known_data_version
from app.schemas.claims import claim_page_json

pytestmark = pytest.mark.usefixtures("record")


def _walk(fetch, sort, limit):
    pages, cursor = [], None
    for _ in range(50):
        page = fetch(sort=sort, limit=limit, cursor=cursor)
        assert page is not None, "the bounded path declined a bounded listing"
        pages.append(claim_page_json(page))
        cursor = page.next_cursor
        if cursor is None:
            return pages
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("sort", ["-said_on", "said_on"])
@pytest.mark.parametrize("limit", [1, 3, 50])
@pytest.mark.parametrize("speaker", [(), ("Hegseth",), ("José Ibáñez",), ("Nobody Here",)])
def test_same_pages_as_the_general_path(session, engine, speaker, sort, limit):
    filters = ClaimFilters(speaker=speaker)
    with known_data_version(data_version(engine)):
        resolve_speakers(session=session, terms=speaker)  # what a first request does
        bounded = _walk(lambda **page: bounded_claims_page_in(session, filters=filters, **page), sort, limit)
    general = _walk(lambda **page: list_claims(session=session, filters=filters, **page), sort, limit)
    assert bounded == general


def test_declines_speaker_names_without_a_known_version_on_postgresql(session, engine):
    filters = ClaimFilters(speaker=("Hegseth",))
    resolve_speakers(session=session, terms=("Hegseth",))
    page = bounded_claims_page_in(session, filters=filters, sort="-said_on", limit=5, cursor=None)
    if engine.dialect.name == "sqlite":  # SQLite reads its own version, cheaply
        assert page is not None
    else:
        assert page is None
