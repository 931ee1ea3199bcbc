"""DELETE /documents/{id} removes the speakers that only the deleted document referred to."""

from sqlalchemy import select

from app.models import Speaker, SpeakerAlias
from tests.writes.conftest import ARTICLE

# A reaction only: Ibáñez reacts, Hegseth is its target; nobody is quoted.
REACTION_ONLY = "Mayor José Ibáñez criticised Defense Secretary Pete Hegseth's plan, calling it reckless."


def post(client, auth, text: str) -> int:
    response = client.post("/documents", json={"title": "T", "text": text}, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def speaker_names(session) -> list[str]:
    session.expire_all()
    return sorted(session.scalars(select(Speaker.name)))


def alias_owners(session) -> list[str]:
    joined = select(Speaker.name).join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id).distinct()
    return sorted(session.scalars(joined))


def alias_count(session) -> int:
    return len(session.scalars(select(SpeakerAlias.id)).all())


def test_delete_keeps_speakers_referred_to_elsewhere_and_removes_the_rest(client, auth, session):
    quoted = post(client, auth, ARTICLE)
    reaction_only = post(client, auth, REACTION_ONLY)
    assert speaker_names(session) == ["Aisha Rahman", "José Ibáñez", "Pete Hegseth"]

    assert client.delete(f"/documents/{quoted}", headers=auth).status_code == 204
    # Rahman was quoted only there; Ibáñez still reacts and Hegseth is still reacted to.
    assert speaker_names(session) == ["José Ibáñez", "Pete Hegseth"]
    assert alias_owners(session) == ["José Ibáñez", "Pete Hegseth"]
    assert client.get("/speakers", params={"q": "Rahman"}).json()["items"] == []

    assert client.delete(f"/documents/{reaction_only}", headers=auth).status_code == 204
    assert speaker_names(session) == []
    assert alias_count(session) == 0


def test_a_speaker_removed_with_a_document_comes_back_with_a_new_one(client, auth, session):
    first = post(client, auth, ARTICLE)
    client.delete(f"/documents/{first}", headers=auth)
    assert speaker_names(session) == []
    again = post(client, auth, ARTICLE)
    assert speaker_names(session) == ["Aisha Rahman", "José Ibáñez", "Pete Hegseth"]
    rahman = client.get("/claims", params={"speaker": "Rahman", "document": again}).json()["items"]
    assert [claim["speaker"]["name"] for claim in rahman] == ["Aisha Rahman"]
