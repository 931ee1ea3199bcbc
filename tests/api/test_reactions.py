"""/reactions: filters on document, reactor, target speaker and stance; the item shape."""

import pytest

from tests.api.conftest import walk


def keys(client, record, **params) -> set[str]:
    by_id = {v: k for k, v in record.reactions.items()}
    return {by_id[item["id"]] for item in walk(client, "/reactions", **params)}


def test_document_filter(client, record):
    assert keys(client, record, document=record.documents["pentagon"]) == {"x1", "x2"}


@pytest.mark.parametrize("term", ["Ibáñez", "ibanez", "Mayor José Ibáñez", "jose-ibanez"])
def test_reactor_matched_like_speaker(client, record, term):
    assert keys(client, record, reactor=term) == {"x1"}


def test_target_speaker_via_the_speaker_or_the_claim(client, record):
    assert keys(client, record, target_speaker="Hegseth") == {"x1", "x2", "x4"}
    assert keys(client, record, target_speaker="aisha rahman") == {"x3"}


def test_stance_and_repeated_stance(client, record):
    assert keys(client, record, stance="oppose") == {"x1", "x4"}
    assert keys(client, record, stance=["support", "concern"]) == {"x2", "x3"}
    response = client.get("/reactions", params={"stance": "angry"})
    assert response.status_code == 422 and response.json()["parameter"] == "stance"


def test_item_shape(client, record):
    items = {i["id"]: i for i in walk(client, "/reactions")}
    x2 = items[record.reactions["x2"]]
    assert set(x2) >= {"id", "text", "stance", "cue", "reactor", "target", "document", "span"}
    assert x2["reactor"]["name"] == "Aisha Rahman"
    assert x2["target"]["claim_id"] == record.claims["h1"]
    assert x2["target"]["speaker"]["slug"] == "pete-hegseth"
    assert x2["document"]["id"] == record.documents["pentagon"]
    # x1 names no target speaker: the targeted claim's speaker stands in.
    assert items[record.reactions["x1"]]["target"]["speaker"]["name"] == "Pete Hegseth"
    assert items[record.reactions["x5"]]["target"] == {"claim_id": None, "speaker": None}
