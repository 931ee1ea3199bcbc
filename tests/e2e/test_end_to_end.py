"""End to end through real processes: the CLI ingests, uvicorn serves, HTTP answers."""

import urllib.parse


def claims_of(server, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        query = dict(params, limit=2, **({"cursor": cursor} if cursor else {}))
        page = server.get("/claims?" + urllib.parse.urlencode(query))
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_seed_is_loaded_on_first_start_and_hegseth_is_one_speaker(seeded_server):
    claims = claims_of(seeded_server, speaker="Hegseth")
    assert len(claims) >= 8
    assert {c["speaker"]["name"] for c in claims} == {"Pete Hegseth"}


def test_speaker_filter_accepts_every_form_of_the_name(seeded_server):
    by_surname = {c["id"] for c in claims_of(seeded_server, speaker="Hegseth")}
    for form in ("pete hegseth", "PETE HEGSETH", "Defense Secretary Pete Hegseth"):
        assert {c["id"] for c in claims_of(seeded_server, speaker=form)} == by_surname, form


def test_spans_point_into_the_stored_text(seeded_server):
    for claim in claims_of(seeded_server):
        document = seeded_server.get(f"/documents/{claim['document']['id']}")
        span = claim["span"]
        assert document["text"][span["start"]:span["end"]] == claim["text"]


def test_own_articles_in_three_formats_are_ingested(own_articles_server):
    documents = own_articles_server.get("/documents?limit=10")["items"]
    assert len(documents) == 3
    titles = {d["title"] for d in documents}
    assert "Offshore wind farm wins approval" in titles
    assert "Minister pledges free school meals for all primary pupils" in titles


def test_direct_quote_is_attributed_to_the_full_name(own_articles_server):
    claims = claims_of(own_articles_server, speaker="Lindqvist")
    texts = [c["text"] for c in claims]
    assert any(t.startswith("We found corrosion in three of the main cables") for t in texts)
    assert all(c["speaker"]["name"] == "Marta Lindqvist" for c in claims)


def test_quote_after_told_reporters_goes_to_the_teller(own_articles_server):
    claims = claims_of(own_articles_server, speaker="Tomas Berg")
    assert any("failure of planning" in c["text"] and c["kind"] == "direct" for c in claims)


def test_pronoun_and_surname_resolve_to_the_minister(own_articles_server):
    claims = claims_of(own_articles_server, speaker="Aisha Rahman")
    assert any("empty stomach" in c["text"] for c in claims)
    speaker = own_articles_server.get(f"/speakers/{claims[0]['speaker']['slug']}")
    assert speaker["claim_count"] >= 2


def test_according_to_an_organisation(own_articles_server):
    claims = claims_of(own_articles_server, document=_doc_id(own_articles_server, "wind"))
    assert any("40 boats" in c["text"] and "federation" in c["speaker"]["name"].lower() for c in claims)


def test_criticism_is_a_reaction_against_the_authority(own_articles_server):
    reactions = own_articles_server.get("/reactions?reactor=Berg")["items"]
    assert reactions and reactions[0]["stance"] == "oppose"


def _doc_id(server, word: str) -> int:
    for doc in server.get("/documents?limit=10")["items"]:
        if word in doc["title"].lower():
            return doc["id"]
    raise AssertionError(f"no document titled with {word!r}")
