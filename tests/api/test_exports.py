"""CSV and NDJSON exports stream every matching row with the listings' filters."""

import csv
import io
import json

import pytest

from tests.api.conftest import CLAIMS, REACTIONS, walk


def ndjson(client, path, **params) -> list[dict]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def csv_rows(client, path, **params) -> list[dict]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


def _without_snippet(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "snippet"} for item in items]


def test_claims_ndjson_equals_the_walked_listing(client, record):
    assert ndjson(client, "/claims.ndjson") == _without_snippet(walk(client, "/claims", limit=3))
    assert len(ndjson(client, "/claims.ndjson", sort="confidence")) == len(CLAIMS)


def test_claims_csv_has_flat_columns_and_every_row(client, record):
    rows = csv_rows(client, "/claims.csv")
    assert len(rows) == len(CLAIMS)
    hegseth = [r for r in rows if r["speaker_slug"] == "pete-hegseth"]
    assert len(hegseth) == 4 and {r["speaker_name"] for r in hegseth} == {"Pete Hegseth"}
    assert {"id", "text", "span_start", "span_end", "document_title", "said_on", "confidence"} <= set(rows[0])


def test_exports_take_the_filters_and_search(client, record):
    rows = csv_rows(client, "/claims.csv", speaker="Hegseth", kind="direct")
    assert record.claim_keys(int(r["id"]) for r in rows) == {"h1", "h4"}
    found = ndjson(client, "/claims.ndjson", q="budget")
    assert record.claim_keys(i["id"] for i in found) == {"h2", "h3", "s1"}


def test_empty_csv_still_has_its_header(client, record):
    response = client.get("/claims.csv", params={"speaker": "nobody"})
    assert response.text.strip().split(",")[0] == "id"


def test_reaction_exports(client, record):
    assert len(ndjson(client, "/reactions.ndjson")) == len(REACTIONS)
    rows = csv_rows(client, "/reactions.csv", stance="oppose")
    assert {r["reactor_name"] for r in rows} == {"José Ibáñez", "Fishermen's Federation"}
    assert all(r["target_speaker_slug"] == "pete-hegseth" for r in rows)


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/claims.csv", {"kind": "quote"}, "kind"),
        ("/claims.ndjson", {"q": "-only"}, "q"),
        ("/reactions.csv", {"stance": "angry"}, "stance"),
        ("/reactions.ndjson", {"document": "x"}, "document"),
    ],
)
def test_bad_export_parameters_are_422_problems(client, record, path, params, parameter):
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["parameter"] == parameter


def test_rows_go_out_in_chunks_of_about_64_kb_not_one_per_row():
    from app.api.streams import CHUNK_BYTES, _csv_lines, _ndjson_lines

    batches = [[(i, "x" * 200) for i in range(start, start + 250)] for start in range(0, 1000, 250)]

    ndjson_parts = list(_ndjson_lines(batches, lambda row: {"id": row[0], "text": row[1]}))
    for parts in (ndjson_parts, list(_csv_lines(batches, ["id", "text"]))):
        assert 2 < len(parts) < 10
        assert all(len(part) >= CHUNK_BYTES for part in parts[:-1])
        assert sum(len(part) for part in parts) > 200 * 1000


def _flat(item: dict, prefix: str = "") -> dict[str, str]:
    """A listing item as the CSV shows it: nested keys joined by `_`, None as ''."""
    flat: dict[str, str] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}_"))
        elif value is not None:
            flat[f"{prefix}{key}"] = str(value)
    return flat


@pytest.mark.parametrize("sort", ["-said_on", "said_on", "confidence", "-confidence"])
def test_claims_csv_rows_are_the_listing_items_in_the_same_order(client, record, sort):
    rows = csv_rows(client, "/claims.csv", sort=sort)
    listed = walk(client, "/claims", limit=4, sort=sort)
    assert [int(row["id"]) for row in rows] == [item["id"] for item in listed]
    for row, item in zip(rows, listed, strict=True):
        expected = _flat(item)
        assert {key: value for key, value in row.items() if value != ""} == {
            key: value for key, value in expected.items() if key in row
        }


def test_reactions_csv_and_ndjson_are_the_listing_items(client, record):
    listed = _without_snippet(walk(client, "/reactions", limit=2))
    assert ndjson(client, "/reactions.ndjson") == listed
    rows = csv_rows(client, "/reactions.csv")
    assert [int(row["id"]) for row in rows] == [item["id"] for item in listed]
    for row, item in zip(rows, listed, strict=True):
        assert {key: value for key, value in row.items() if value != ""} == {
            key: value for key, value in _flat(item).items() if key in row
        }


def test_an_export_is_read_in_batches_from_a_streaming_cursor(session, record):
    from app.queries.claims import ClaimFilters
    from app.queries.exports import claims_export, export_batches

    export = claims_export(session=session, filters=ClaimFilters(), sort="-said_on")
    batches = list(export_batches(session, export, batch=5))
    assert all(len(rows) <= 5 for rows in batches)
    assert sum(len(rows) for rows in batches) == len(CLAIMS)
    assert export.columns[:3] == ("id", "text", "kind")


def test_an_export_runs_without_the_per_query_time_limit(database_url, record):
    from fastapi import Request
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from app.querytime import current_limit_ms

    app = create_app(Settings(database_url=database_url, query_timeout_ms=100))
    seen: dict[str, int | None] = {}

    @app.get("/probe.csv")
    @app.get("/probe")
    def probe(request: Request) -> None:
        seen[request.url.path] = current_limit_ms()

    with TestClient(app) as client:
        client.get("/probe")
        client.get("/probe.csv")
        assert len(csv_rows(client, "/claims.csv")) == len(CLAIMS)
    assert seen == {"/probe": 100, "/probe.csv": None}


def test_an_export_past_its_time_limit_is_broken_off_not_cut_short(session, record, monkeypatch):
    from app.queries import exports
    from app.queries.claims import ClaimFilters

    class Clock:  # the export's clock: its start, then an hour later at every look
        readings = iter([0.0])

        @classmethod
        def monotonic(cls) -> float:
            return next(cls.readings, 3600.0)

    monkeypatch.setattr(exports, "time", Clock)
    export = exports.claims_export(session=session, filters=ClaimFilters(), sort="-said_on")
    with pytest.raises(exports.ExportTooLong):
        list(exports.export_batches(session, export))


def test_an_export_on_postgresql_runs_under_its_own_statement_timeout(session, record, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("statement_timeout is PostgreSQL's")
    from app.queries import exports
    from app.queries.claims import ClaimFilters

    export = exports.claims_export(session=session, filters=ClaimFilters(), sort="-said_on")
    batches = exports.export_batches(session, export, batch=2)
    next(batches)
    # Read past SQLAlchemy, whose own statements would reset the setting.
    driver = session.connection().connection.driver_connection
    assert driver.execute("SHOW statement_timeout").fetchone()[0] == f"{exports.TIME_LIMIT_S // 60}min"
