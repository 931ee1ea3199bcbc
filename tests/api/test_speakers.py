"""/speakers: the listing with `q`, one speaker by id or slug, and a speaker's claims."""

from tests.api.conftest import SPEAKERS, walk


def test_list_every_speaker_by_name(client, record):
    items = walk(client, "/speakers", limit=2)
    assert sorted(item["id"] for item in items) == sorted(record.speakers.values())
    assert set(items[0]) == {"id", "name", "slug", "kind", "role"}


def test_q_matches_names_and_aliases_ignoring_accents(client, record):
    assert {i["name"] for i in walk(client, "/speakers", q="ibanez")} == {"José Ibáñez"}
    assert {i["name"] for i in walk(client, "/speakers", q="PETE")} == {"Pete Hegseth", "Pete Smith"}
    assert {i["name"] for i in walk(client, "/speakers", q="minister")} == {"Aisha Rahman"}
    assert walk(client, "/speakers", q="%") == []


def test_kind_filter(client, record):
    assert {i["name"] for i in walk(client, "/speakers", kind="organization")} == {"Fishermen's Federation"}


def test_get_by_slug_and_by_id_with_aliases_and_counts(client, record):
    by_slug = client.get("/speakers/pete-hegseth").json()
    by_id = client.get(f"/speakers/{record.speakers['hegseth']}").json()
    assert by_slug == by_id
    assert by_slug["aliases"] == SPEAKERS["hegseth"][3]
    assert by_slug["role"] == "Defense Secretary"
    assert (by_slug["claim_count"], by_slug["reaction_count"]) == (4, 0)
    federation = client.get(f"/speakers/{record.speakers['federation']}").json()
    assert (federation["claim_count"], federation["reaction_count"]) == (2, 1)


def test_unknown_speaker_is_404(client, record):
    for key in ("nobody", "424242"):
        response = client.get(f"/speakers/{key}")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_speaker_claims_take_the_claim_filters(client, record):
    items = walk(client, "/speakers/pete-hegseth/claims", limit=1)
    assert record.claim_keys(i["id"] for i in items) == {"h1", "h2", "h3", "h4"}
    direct = walk(client, "/speakers/pete-hegseth/claims", kind="direct")
    assert record.claim_keys(i["id"] for i in direct) == {"h1", "h4"}
    assert client.get("/speakers/nobody/claims").status_code == 404
