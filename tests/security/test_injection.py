"""Hostile values in every parameter of every GET endpoint: never a 500, never a leak, nothing changed.

The endpoints and their parameters come from the app's own OpenAPI document, so a new
endpoint or filter is covered without touching this file.
"""

import re
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from app.models import Claim, Document, Speaker
from tests.writes.conftest import ARTICLE

PAYLOADS = [
    "' OR '1'='1",
    "1; DROP TABLE claims; --",
    "') UNION SELECT name, sql FROM sqlite_master --",
    "1' AND pg_sleep(5) IS NULL --",
    "%' --",
    "_",
    "\\",
    '"unterminated',
    "NEAR(a b",
    "a OR",
    "title:x ^y (((",
    "99999999999999999999999",
    "1e309",
    "\u202e\ufeff\u0000",
]
# Things an error body must never show: internals, not the client's own echoed input.
LEAKS = re.compile(
    r"Traceback|sqlite3|psycopg|sqlalchemy|OperationalError|ProgrammingError|/work/|\.py\b|"
    r"syntax error|\[SQL:",
    re.IGNORECASE,
)


def get_operations(client) -> list[tuple[str, list[dict]]]:
    schema = client.get("/openapi.json").json()
    return [(path, ops["get"].get("parameters", [])) for path, ops in schema["paths"].items() if "get" in ops]


def fill_path(path: str, parameters: list[dict], value: str) -> str:
    for parameter in parameters:
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", quote(value, safe=""))
    return path


def default_path(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


DAYS = ("first", "second", "third")


@pytest.fixture
def stored(client, auth, session) -> dict[str, int]:
    for index in range(3):
        response = client.post(
            "/documents",
            json={"title": f"Story {DAYS[index]}", "text": f"{ARTICLE} Day {DAYS[index]}."},
            headers=auth,
        )
        assert response.status_code == 201, response.text
    return counts(session)


def counts(session) -> dict[str, int]:
    session.rollback()
    return {
        model.__name__: session.scalar(select(func.count()).select_from(model))
        for model in (Document, Claim, Speaker)
    }


def test_no_get_parameter_yields_a_500_or_leaks_internals(client, stored, session):
    sent = 0
    for path, parameters in get_operations(client):
        for payload in PAYLOADS:
            if any(p["in"] == "path" for p in parameters):
                responses = [client.get(fill_path(path, parameters, payload))]
            else:
                responses = []
            responses += [
                client.get(default_path(path), params={p["name"]: payload})
                for p in parameters
                if p["in"] == "query"
            ]
            for response in responses:
                sent += 1
                where = f"{response.request.method} {response.request.url}"
                assert response.status_code < 500, f"{where}: {response.text}"
                if response.status_code >= 400:
                    assert response.headers["content-type"] == "application/problem+json", where
                    assert not LEAKS.search(response.text), f"{where}: {response.text}"
    assert sent > 800
    assert counts(session) == stored  # no statement smuggled in changed anything


def test_search_text_that_looks_like_sql_finds_only_real_matches(client, stored):
    for path in ("/claims", "/documents", "/reactions"):
        for payload in ("' OR '1'='1", "1 OR 1=1", "%", "_"):
            response = client.get(path, params={"q": payload, "count": "true"})
            assert response.status_code in (200, 422), response.text
            if response.status_code == 200:
                assert response.json()["total"] == 0, (path, payload)
