"""Deterministic synthetic rows for the benchmark record: speakers, documents, claims, reactions.

Pure functions over a seeded `random.Random`; nothing here touches a database (see
bench/generate.py for the loaders). Rows are plain tuples in the column order of
`COLUMNS` (a loader drops the columns an older schema lacks), so they can go straight
into `executemany` or PostgreSQL's COPY.

Shape of the record, for N claims:
- about N/50 speakers (70 % persons with first and last names, 20 % organisations,
  10 % groups); a person has the aliases "Full Name", "Surname" and "Title Full Name";
- claims per speaker follow a Zipf-like law (s = 1), so a few speakers have tens of
  thousands of claims and most have a handful;
- about N/8 documents over three years from 30 outlets, each holding its claims'
  quotations as text, so `span_start`/`span_end` point into `documents.text`;
- one reaction per five claims, aimed at a claim of the same document.
"""

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from random import Random

import checkout  # noqa: F401  (first: `app` is this checkout's)
import vocab

from app.textnorm import fold, slugify, statement_key

FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365
INGESTED_AT = datetime(2026, 1, 1, tzinfo=UTC)
CLAIMS_PER_DOCUMENT = 8
CLAIMS_PER_SPEAKER = 50
REACTIONS_PER_CLAIM = 0.2

COLUMNS: dict[str, tuple[str, ...]] = {
    "speakers": ("id", "name", "slug", "kind", "role", "merge_key"),
    "speaker_aliases": ("id", "speaker_id", "alias", "normalized", "last_word"),
    "documents": (
        "id", "source", "title", "published_on", "outlet", "text", "content_sha256",
        "ingested_at", "extractor_version",
    ),
    "claims": (
        "id", "document_id", "speaker_id", "text", "kind", "cue", "mention", "span_start",
        "span_end", "said_on", "confidence", "text_key",
    ),
    "reactions": (
        "id", "document_id", "reactor_id", "target_claim_id", "target_speaker_id", "stance",
        "cue", "text", "span_start", "span_end",
    ),
}


@dataclass(frozen=True, slots=True)
class SyntheticSpeaker:
    id: int
    name: str
    kind: str
    role: str | None
    aliases: tuple[str, ...]


@dataclass(slots=True)
class Batch:
    """Rows for a run of consecutive documents, ready to insert in table order."""

    documents: list[tuple] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)
    reactions: list[tuple] = field(default_factory=list)


def zipf_cum_weights(n: int, s: float = 1.0) -> list[float]:
    """Cumulative weights 1/rank**s for ranks 1..n, for `Random.choices(cum_weights=...)`."""
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


def speaker_count(claims: int) -> int:
    return max(30, claims // CLAIMS_PER_SPEAKER)


def build_speakers(rng: Random, count: int) -> list[SyntheticSpeaker]:
    """Make `count` speakers with unique slugs: persons, organisations and groups."""
    makers = [(0.7, _person), (0.9, _organization), (1.0, _group)]
    speakers: list[SyntheticSpeaker] = []
    seen: set[str] = set()
    while len(speakers) < count:
        roll = rng.random()
        maker = next(make for threshold, make in makers if roll < threshold)
        name, kind, role, aliases = maker(rng)
        slug = slugify(name)
        if slug in seen:
            continue
        seen.add(slug)
        speakers.append(SyntheticSpeaker(len(speakers) + 1, name, kind, role, aliases))
    return speakers


def _person(rng: Random) -> tuple[str, str, str | None, tuple[str, ...]]:
    first, last = rng.choice(vocab.FIRST_NAMES), rng.choice(vocab.LAST_NAMES)
    name = f"{first} {last}"
    title = rng.choice(vocab.TITLES)
    return name, "person", rng.choice(vocab.ROLES), (name, last, f"{title} {name}")


def _organization(rng: Random) -> tuple[str, str, str | None, tuple[str, ...]]:
    words = (rng.choice(vocab.ORG_PREFIXES), rng.choice(vocab.ORG_FIELDS), rng.choice(vocab.ORG_TYPES))
    name = " ".join(words)
    acronym = "".join(word[0] for word in words)
    return name, "organization", None, (name, acronym)


def _group(rng: Random) -> tuple[str, str, str | None, tuple[str, ...]]:
    name = f"{rng.choice(vocab.GROUP_PEOPLE).capitalize()} of {rng.choice(vocab.PLACES)}"
    return name, "group", None, (name,)


def speaker_rows(speakers: list[SyntheticSpeaker]) -> list[tuple]:
    # merge_key as ingestion writes it: "<kind>:<folded name>".
    return [(s.id, s.name, slugify(s.name), s.kind, s.role, f"{s.kind}:{fold(s.name)}") for s in speakers]


def alias_rows(speakers: list[SyntheticSpeaker]) -> list[tuple]:
    """One row per distinct folded alias of each speaker (the table is unique on that pair)."""
    rows: list[tuple] = []
    for speaker in speakers:
        seen: set[str] = set()
        for alias in speaker.aliases:
            normalized = fold(alias)
            if normalized not in seen:
                seen.add(normalized)
                rows.append((len(rows) + 1, speaker.id, alias, normalized, normalized.rsplit(" ", 1)[-1]))
    return rows


def speaker_popularity(rng: Random, speakers: list[SyntheticSpeaker]) -> list[SyntheticSpeaker]:
    """Speakers in Zipf rank order (most quoted first); ranks are shuffled against ids."""
    ranked = list(speakers)
    rng.shuffle(ranked)
    return ranked


class RecordGenerator:
    """Yield batches of documents with their claims and reactions until `claims` are made."""

    def __init__(self, rng: Random, ranked_speakers: list[SyntheticSpeaker], claims: int) -> None:
        self.rng = rng
        self.ranked = ranked_speakers
        self.speaker_cum = zipf_cum_weights(len(ranked_speakers))
        self.word_cum = zipf_cum_weights(len(vocab.CLAIM_WORDS), s=0.9)
        self.total_claims = claims
        self.next_claim_id = 1
        self.next_reaction_id = 1

    def batches(self, documents_per_batch: int = 2000) -> Iterator[Batch]:
        batch = Batch()
        for document_id in itertools.count(1):
            if self.next_claim_id > self.total_claims:
                break
            self._add_document(batch, document_id)
            if len(batch.documents) >= documents_per_batch:
                yield batch
                batch = Batch()
        if batch.documents:
            yield batch

    def _add_document(self, batch: Batch, document_id: int) -> None:
        rng = self.rng
        published_on = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        wanted = rng.randint(1, 2 * CLAIMS_PER_DOCUMENT - 1)
        count = min(wanted, self.total_claims - self.next_claim_id + 1)
        speakers = rng.choices(self.ranked, cum_weights=self.speaker_cum, k=count)
        parts: list[str] = []
        offset = 0
        claims: list[tuple] = []
        for speaker in speakers:
            mention, cue, quote = rng.choice(speaker.aliases), rng.choice(vocab.CLAIM_CUES), self._sentence()
            prefix = f'{mention} {cue}: "'
            start = offset + len(prefix)
            parts.append(f'{prefix}{quote}"')
            offset += len(parts[-1]) + 1
            claims.append(self._claim(document_id, speaker, quote, cue, mention, start, published_on))
        text = " ".join(parts)
        batch.documents.append(self._document(document_id, published_on, text))
        batch.claims.extend(claims)
        batch.reactions.extend(self._reactions(document_id, claims))

    def _sentence(self) -> str:
        words = self.rng.choices(vocab.CLAIM_WORDS, cum_weights=self.word_cum, k=self.rng.randint(10, 40))
        return " ".join(words).capitalize() + "."

    def _document(self, document_id: int, published_on: date, text: str) -> tuple:
        rng = self.rng
        outlet = rng.choice(vocab.OUTLETS)
        title = " ".join(rng.choices(vocab.TITLE_WORDS, k=rng.randint(4, 9))).capitalize()
        source = f"https://{slugify(outlet)}.example/{published_on:%Y/%m}/{slugify(title)}-{document_id}"
        sha = hashlib.sha256(f"{document_id}\n{text}".encode()).hexdigest()
        return (document_id, source, title, published_on, outlet, text, sha, INGESTED_AT, "bench-1")

    def _claim(
        self, document_id: int, speaker: SyntheticSpeaker, quote: str, cue: str, mention: str,
        start: int, published_on: date,
    ) -> tuple:
        rng = self.rng
        roll = rng.random()
        kind = "direct" if roll < 0.6 else "indirect" if roll < 0.9 else "mixed"
        said_on = None if rng.random() < 0.03 else published_on - timedelta(days=rng.choice((0, 0, 0, 1)))
        claim_id = self.next_claim_id
        self.next_claim_id += 1
        confidence = round(rng.uniform(0.4, 1.0), 3)
        return (claim_id, document_id, speaker.id, quote, kind, cue, mention, start, start + len(quote),
                said_on, confidence, statement_key(quote))

    def _reactions(self, document_id: int, claims: list[tuple]) -> list[tuple]:
        rng = self.rng
        rows: list[tuple] = []
        for claim in claims:
            if rng.random() >= REACTIONS_PER_CLAIM:
                continue
            reactor = rng.choices(self.ranked, cum_weights=self.speaker_cum, k=1)[0]
            stance = rng.choice(("support", "oppose", "concern", "neutral"))
            cue = rng.choice(vocab.REACTION_CUES)
            start, end = claim[7], claim[8]
            rows.append((self.next_reaction_id, document_id, reactor.id, claim[0], claim[2], stance, cue,
                         claim[3], start, end))
            self.next_reaction_id += 1
        return rows
