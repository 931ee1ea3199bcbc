"""A small hand-built record in a real database, and a client for the API over it.

Names carry accents, several claims have no `said_on` (some fall back to the article's
date, one article has none), dates tie, and reactions target claims or speakers.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.models import Claim, Document, Reaction, Speaker, SpeakerAlias
from app.textnorm import fold

TEXT = (
    'The review starts today. "We will restore discipline," Defense Secretary Pete Hegseth said. '
    "Hegseth added that budgets would follow. Ibáñez criticised the plan. Rahman backed it."
)

DOCUMENTS = {
    "pentagon": ("Pentagon announces review", date(2025, 3, 10), "Reuters"),
    "meals": ("Minister pledges free school meals", date(2025, 2, 1), "BBC"),
    "montreal": ("Élections à Montréal", None, None),
    "budget": ("Budget talks stall", date(2025, 3, 10), "Reuters"),
    "wind": ("Offshore wind farm wins approval", date(2024, 12, 31), "AP"),
}
SPEAKERS = {
    "hegseth": (
        "Pete Hegseth",
        "person",
        "Defense Secretary",
        ["Pete Hegseth", "Hegseth", "Secretary Hegseth"],
    ),
    "ibanez": ("José Ibáñez", "person", "Mayor", ["José Ibáñez", "Ibáñez"]),
    "rahman": ("Aisha Rahman", "person", "Minister", ["Aisha Rahman", "Rahman", "the minister"]),
    "seth": ("Anna Seth", "person", None, ["Anna Seth", "Seth"]),
    "smith": ("Pete Smith", "person", None, ["Pete Smith"]),
    "federation": (
        "Fishermen's Federation",
        "organization",
        None,
        ["Fishermen's Federation", "the federation"],
    ),
}
# key: (document, speaker, kind, said_on, confidence)
CLAIMS = {
    "h1": ("pentagon", "hegseth", "direct", date(2025, 3, 10), 0.95),
    "h2": ("pentagon", "hegseth", "indirect", date(2025, 3, 10), 0.7),
    "h3": ("budget", "hegseth", "mixed", None, 0.6),
    "h4": ("wind", "hegseth", "direct", date(2024, 12, 30), 0.8),
    "i1": ("montreal", "ibanez", "direct", None, 0.9),
    "i2": ("montreal", "ibanez", "indirect", date(2025, 1, 15), 0.5),
    "r1": ("meals", "rahman", "direct", date(2025, 2, 1), 0.95),
    "r2": ("meals", "rahman", "direct", None, 0.4),
    "s1": ("budget", "seth", "indirect", date(2025, 3, 9), 0.7),
    "p1": ("meals", "smith", "direct", date(2025, 2, 2), 0.85),
    "f1": ("wind", "federation", "indirect", None, 0.65),
    "f2": ("wind", "federation", "direct", date(2024, 12, 31), 0.75),
}
# What some claims said; the others say TEXT's quotation, "We will restore discipline,".
SAID = {
    "h2": "Budgets would follow the review.",
    "h3": "The budgets are frozen until spring.",
    "i1": "Les élections auront lieu à Montréal.",
    "r1": "No child should learn on an empty stomach.",
    "s1": "The budget talks stalled over defence.",
    "f1": "About 40 boats will lose their fishing grounds.",
}
REACTED = {"x2": "Rahman backed the review warmly.", "x4": "The federation condemned the plan."}
# key: (document, reactor, target claim or None, target speaker or None, stance)
REACTIONS = {
    "x1": ("pentagon", "ibanez", "h1", None, "oppose"),
    "x2": ("pentagon", "rahman", "h1", "hegseth", "support"),
    "x3": ("meals", "seth", None, "rahman", "concern"),
    "x4": ("wind", "federation", "h4", None, "oppose"),
    "x5": ("montreal", "smith", None, None, "neutral"),
}


@dataclass
class Record:
    """Ids of the rows inserted, by the keys of the tables above."""

    documents: dict[str, int] = field(default_factory=dict)
    speakers: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)
    reactions: dict[str, int] = field(default_factory=dict)

    def claim_keys(self, ids) -> set[str]:
        by_id = {v: k for k, v in self.claims.items()}
        return {by_id[i] for i in ids}


def _document(key: str, title: str, published_on: date | None, outlet: str | None) -> Document:
    return Document(
        source=f"articles/{key}.txt",
        title=title,
        published_on=published_on,
        outlet=outlet,
        text=TEXT,
        content_sha256=fold(key).ljust(64, "0"),
        ingested_at=datetime(2026, 1, 1, tzinfo=UTC),
        extractor_version="t",
    )


def _speaker(name: str, kind: str, role: str | None, aliases: list[str]) -> Speaker:
    speaker = Speaker(name=name, slug=name.lower().replace(" ", "-").replace("'", ""), kind=kind, role=role)
    speaker.slug = {"José Ibáñez": "jose-ibanez"}.get(name, speaker.slug)
    speaker.aliases = [SpeakerAlias(alias=a, normalized=fold(a)) for a in aliases]
    return speaker


def _claim(
    key: str, document: Document, speaker: Speaker, kind: str, said_on: date | None, confidence: float
) -> Claim:
    start = TEXT.index("We will")
    end = start + len("We will restore discipline,")
    return Claim(
        document=document,
        speaker=speaker,
        text=SAID.get(key, TEXT[start:end]),
        kind=kind,
        cue="said",
        mention=speaker.name,
        span_start=start,
        span_end=end,
        said_on=said_on,
        confidence=confidence,
    )


@pytest.fixture
def record(session) -> Record:
    documents = {key: _document(key, *row) for key, row in DOCUMENTS.items()}
    speakers = {key: _speaker(*row) for key, row in SPEAKERS.items()}
    claims = {key: _claim(key, documents[d], speakers[s], *rest) for key, (d, s, *rest) in CLAIMS.items()}
    start = TEXT.index("Ibáñez criticised")
    reactions = {
        key: Reaction(
            document=documents[d],
            reactor=speakers[r],
            target_claim=claims.get(c),
            target_speaker=speakers.get(t),
            stance=stance,
            cue="criticised",
            text=REACTED.get(key, TEXT[start : start + 27]),
            span_start=start,
            span_end=start + 27,
        )
        for key, (d, r, c, t, stance) in REACTIONS.items()
    }
    session.add_all([*documents.values(), *speakers.values(), *claims.values(), *reactions.values()])
    session.commit()
    return Record(
        documents={k: v.id for k, v in documents.items()},
        speakers={k: v.id for k, v in speakers.items()},
        claims={k: v.id for k, v in claims.items()},
        reactions={k: v.id for k, v in reactions.items()},
    )


@pytest.fixture
def client(database_url: str) -> TestClient:
    with TestClient(create_app(Settings(database_url=database_url))) as test_client:
        yield test_client


def walk(client: TestClient, path: str, **params) -> list[dict]:
    """Follow `next_cursor` from the first page to the last; return every item."""
    items, cursor = [], None
    for _ in range(1000):
        response = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")
