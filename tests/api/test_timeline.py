"""/speakers/{id_or_slug}/timeline: claims and reactions per day, ISO week or month."""

import pytest


def _counts(body: dict) -> list[tuple[str, str, int, int]]:
    return [(b["period"], b["start"], b["claims"], b["reactions"]) for b in body["buckets"]]


# Hegseth: h4 on 2024-12-30 (a Monday, ISO week 2025-W01), h1 and h2 on 2025-03-10, h3
# undated in an article of 2025-03-10; no reactions.
@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ("month", [("2024-12", "2024-12-01", 1, 0), ("2025-03", "2025-03-01", 3, 0)]),
        ("week", [("2025-W01", "2024-12-30", 1, 0), ("2025-W11", "2025-03-10", 3, 0)]),
        ("day", [("2024-12-30", "2024-12-30", 1, 0), ("2025-03-10", "2025-03-10", 3, 0)]),
    ],
)
def test_claims_per_interval_with_the_article_date_for_undated_claims(client, record, interval, expected):
    body = client.get("/speakers/pete-hegseth/timeline", params={"interval": interval}).json()
    assert body["interval"] == interval
    assert body["speaker"]["slug"] == "pete-hegseth"
    assert _counts(body) == expected
    assert (body["undated_claims"], body["undated_reactions"]) == (0, 0)


def test_reactions_by_the_speaker_count_in_their_articles_period(client, record):
    # Ibáñez: i2 on 2025-01-15, i1 undated in an undated article; reacted (x1) in an
    # article of 2025-03-10.
    body = client.get(f"/speakers/{record.speakers['ibanez']}/timeline").json()
    assert body["interval"] == "month"
    assert _counts(body) == [("2025-01", "2025-01-01", 1, 0), ("2025-03", "2025-03-01", 0, 1)]
    assert (body["undated_claims"], body["undated_reactions"]) == (1, 0)
    # The federation's claims and its reaction share a week.
    body = client.get("/speakers/fishermens-federation/timeline", params={"interval": "week"}).json()
    assert _counts(body) == [("2025-W01", "2024-12-30", 2, 1)]


def test_since_and_until(client, record):
    path = "/speakers/pete-hegseth/timeline"
    assert _counts(client.get(path, params={"since": "2025-01-01"}).json()) == [
        ("2025-03", "2025-03-01", 3, 0)
    ]
    assert _counts(client.get(path, params={"until": "2025-01-01"}).json()) == [
        ("2024-12", "2024-12-01", 1, 0)
    ]
    assert _counts(client.get(path, params={"since": "2026-01-01"}).json()) == []


def test_bad_interval_is_422_naming_it(client, record):
    response = client.get("/speakers/pete-hegseth/timeline", params={"interval": "year"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["parameter"] for e in response.json()["errors"]] == ["interval"]


def test_unknown_speaker_is_404(client, record):
    response = client.get("/speakers/nobody/timeline")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
