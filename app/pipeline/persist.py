"""Store one extracted article: the only pipeline stage that touches a Session.

Each article is one transaction - the document with all its claims and reactions, or
nothing. Several ingest processes may write to one PostgreSQL database at once, so every
row with a natural key (documents by content hash, speakers by merge key, aliases by
speaker and normalised form) is written with INSERT ... ON CONFLICT DO NOTHING and then
read back: whoever inserts first wins and the others reuse that row.

Speakers are merged across documents:
  * the same full normalised name (`textnorm.fold`) and kind is one speaker - matched
    against every stored full-name alias, so 'José María Ibáñez' (aka 'José Ibáñez')
    joins a stored 'Jose Ibanez';
  * a description instead of a name ('the contractor', 'officials') or an `unnamed`
    source is never merged across documents: two articles' contractors are two people;
  * a surname-only person ("Doe") joins an existing person only when exactly one known
    person has that surname, otherwise it is a speaker of its own;
  * every surface form is kept as a `speaker_aliases` row; the canonical `name` is the
    fullest (longest) form seen; a known role is kept.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

from sqlalchemy import Column, Table, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import Claim, Document, Reaction, Speaker, SpeakerAlias, last_word
from app.pipeline.extract import EXTRACTOR_VERSION
from app.pipeline.types import Article, Extraction, SpeakerRef
from app.textnorm import fold, slugify

_SLUG_PROBES = 1000
# session.info key: base slug -> next number to try (see SpeakerResolver._slug_candidates).
_SLUG_HINTS = "onrecord.slug_hints"
_SLUG_HINTS_MAX = 100_000
# session.info keys: (speaker id, normalized alias) pairs committed by this session, and
# those written by the transaction in progress (known only once it commits).
_KNOWN_ALIASES = "onrecord.known_aliases"
_PENDING_ALIASES = "onrecord.pending_aliases"
_KNOWN_ALIASES_MAX = 200_000
_DIALECT_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What storing one article did; counts are rows created by this call."""

    status: Literal["added", "unchanged"]
    document_id: int
    claims: int = 0
    reactions: int = 0
    speakers: int = 0


def content_sha256(text: str) -> str:
    """Hash of the normalised text: the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_document_id(session: Session, text: str) -> int | None:
    """Id of the document with this normalised text, if it is stored already."""
    sha = content_sha256(text)
    return session.scalar(select(Document.id).where(Document.content_sha256 == sha))


def store_article(
    session: Session, article: Article, extraction: Extraction, *, extractor_version: str = EXTRACTOR_VERSION
) -> StoreResult:
    """Store `article` with its extraction in one transaction (commit or roll back all).

    Storing content that is already stored changes nothing and reports "unchanged".
    """
    try:
        result = _store(session, article, extraction, extractor_version)
        session.commit()
    except BaseException:
        session.rollback()
        session.info.pop(_PENDING_ALIASES, None)
        raise
    known = session.info.setdefault(_KNOWN_ALIASES, set())
    if len(known) > _KNOWN_ALIASES_MAX:
        known.clear()  # a bound on memory in a very long run; it only saves inserts
    known.update(session.info.pop(_PENDING_ALIASES, ()))
    return result


def _store(session: Session, article: Article, extraction: Extraction, extractor_version: str) -> StoreResult:
    # The document insert comes first: on SQLite it takes the write lock before any read,
    # so a concurrent writer cannot leave this transaction with a stale snapshot.
    sha = content_sha256(article.text)
    document_id = insert_ignore(
        session,
        Document.__table__,
        returning=Document.__table__.c.id,
        source=_fit(Document.__table__.c.source, article.source),
        title=_fit(Document.__table__.c.title, article.title),
        published_on=article.published_on,
        outlet=_fit(Document.__table__.c.outlet, article.outlet),
        text=article.text,
        content_sha256=sha,
        ingested_at=datetime.now(UTC),
        extractor_version=extractor_version,
    )
    if document_id is None:
        existing = session.scalar(select(Document.id).where(Document.content_sha256 == sha))
        return StoreResult("unchanged", existing or 0)
    speakers = SpeakerResolver(session, scope=sha)
    speakers.resolve_all(extraction)
    claim_ids = _store_claims(session, document_id, article, extraction, speakers)
    reactions = _store_reactions(session, document_id, extraction, speakers, claim_ids)
    return StoreResult("added", document_id, len(claim_ids), reactions, speakers.created)


def _store_claims(
    session: Session, document_id: int, article: Article, extraction: Extraction, speakers: "SpeakerResolver"
) -> list[int]:
    # Core rows in one multi-row INSERT ... RETURNING (ids in the order given, for the
    # reactions that point at them): no ORM objects, no unit-of-work flush per article.
    claims = Claim.__table__
    rows = [
        {
            "document_id": document_id,
            "speaker_id": speakers.id_for(statement.speaker),
            "text": statement.text,
            "kind": statement.kind,
            "cue": _fit(claims.c.cue, statement.cue),
            "mention": _fit(claims.c.mention, statement.mention),
            "span_start": statement.start,
            "span_end": statement.end,
            "said_on": statement.said_on or article.published_on,
            "confidence": statement.confidence,
        }
        for statement in extraction.statements
    ]
    if not rows:
        return []
    inserted = session.execute(claims.insert().returning(claims.c.id, sort_by_parameter_order=True), rows)
    return list(inserted.scalars())


def _store_reactions(
    session: Session,
    document_id: int,
    extraction: Extraction,
    speakers: "SpeakerResolver",
    claim_ids: list[int],
) -> int:
    reactions = Reaction.__table__
    rows = []
    for found in extraction.reactions:
        target_claim = found.target_statement
        in_range = target_claim is not None and 0 <= target_claim < len(claim_ids)
        rows.append(
            {
                "document_id": document_id,
                "reactor_id": speakers.id_for(found.reactor),
                "target_claim_id": claim_ids[target_claim] if in_range else None,
                "target_speaker_id": speakers.id_for(found.target_speaker) if found.target_speaker else None,
                "stance": found.stance,
                "cue": _fit(reactions.c.cue, found.cue),
                "text": found.text,
                "span_start": found.start,
                "span_end": found.end,
            }
        )
    if rows:
        session.execute(reactions.insert(), rows)  # one executemany
    return len(rows)


class _Stored(NamedTuple):
    """What a lookup read of a speaker row: enough to tell whether an update is needed."""

    id: int
    name_length: int
    has_role: bool


class SpeakerResolver:
    """Maps the speaker names of one extraction to speaker ids, creating or merging rows."""

    def __init__(self, session: Session, scope: str) -> None:
        self.session = session
        self.scope = scope  # the document: descriptions like "the contractor" stay in it
        self.created = 0
        self._ids: dict[str, int] = {}

    def resolve_all(self, extraction: Extraction) -> None:
        # A fixed order (by merge key) makes concurrent transactions take row locks in
        # the same order, which keeps PostgreSQL deadlocks rare.
        for ref in sorted(extraction.speakers, key=self._key):
            self._ids[ref.name] = self._resolve(ref)

    def id_for(self, name: str) -> int:
        """Id for a name the extraction used; a name missing from `speakers` is added."""
        if name not in self._ids:
            self._ids[name] = self._resolve(_implicit_ref(name))
        return self._ids[name]

    def _resolve(self, ref: SpeakerRef) -> int:
        match = self._alias_match(ref) or self._surname_match(ref)
        if match is None:
            speaker_id = self._find_or_create(ref)
        else:
            speaker_id = match.id
            self._keep_fullest_name_and_role(match, ref)
        aliases = SpeakerAlias.__table__
        # Alias rows are never deleted but with their speaker, so one this session has
        # committed is still there: a person quoted in every article costs no insert.
        known = self.session.info.get(_KNOWN_ALIASES, ())
        rows = [
            {
                "speaker_id": speaker_id,
                "alias": _fit(aliases.c.alias, form),
                "normalized": normalized,
                "last_word": last_word(normalized),
            }
            for form in dict.fromkeys((ref.name, *ref.aliases))
            if (normalized := _fit(aliases.c.normalized, fold(form)))
            and (speaker_id, normalized) not in known
        ]
        if rows:
            # Rows as executemany parameters, not .values(rows): one compiled statement
            # for every article instead of one per number of forms.
            self.session.execute(_insert_ignoring_conflicts(self.session, aliases), rows)
            if is_proper_name(ref.name) and ref.kind != "unnamed":  # descriptions never recur
                pending = self.session.info.setdefault(_PENDING_ALIASES, set())
                pending.update((speaker_id, row["normalized"]) for row in rows)
        return speaker_id

    def _alias_match(self, ref: SpeakerRef) -> _Stored | None:
        """The one known speaker of this kind already called by one of `ref`'s full forms.

        'José María Ibáñez' (also written 'José Ibáñez') joins a stored 'Jose Ibanez'. For
        people only multi-word forms count: a bare surname goes through `_surname_match`.
        """
        if not is_proper_name(ref.name) or ref.kind == "unnamed":
            return None
        forms = {fold(form) for form in (ref.name, *ref.aliases) if is_proper_name(form)}
        if ref.kind == "person":
            forms = {form for form in forms if " " in form}
        if not forms:
            return None
        return self._one_speaker(Speaker.kind == ref.kind, SpeakerAlias.normalized.in_(sorted(forms)))

    def _surname_match(self, ref: SpeakerRef) -> _Stored | None:
        """The one known person with this surname, when `ref` is a bare surname."""
        surname = fold(ref.name)
        if ref.kind != "person" or " " in surname or not is_proper_name(ref.name):
            return None
        # Multi-word aliases ending in the surname: the indexed last word, minus the bare
        # surname itself (which is not a person's full name).
        return self._one_speaker(
            Speaker.kind == "person", SpeakerAlias.last_word == surname, SpeakerAlias.normalized != surname
        )

    def _one_speaker(self, *where: Any) -> _Stored | None:
        """The one speaker with an alias matching `where` (None if none or several)."""
        rows = self.session.execute(
            select(Speaker.id, func.length(Speaker.name), Speaker.role.is_not(None))
            .join(SpeakerAlias, Speaker.id == SpeakerAlias.speaker_id)
            .where(*where)
            .distinct()
            .limit(2)
        ).all()
        return _Stored(*rows[0]) if len(rows) == 1 else None

    def _find_or_create(self, ref: SpeakerRef) -> int:
        key = self._key(ref)
        base_slug = _fit(Speaker.__table__.c.slug, slugify(ref.name)) or "speaker"
        for number, slug in self._slug_candidates(base_slug):
            # Slug collisions between different speakers get -2, -3 ...; the merge key
            # decides whether a conflict means "someone else created this speaker".
            created = insert_ignore(
                self.session,
                Speaker.__table__,
                returning=Speaker.__table__.c.id,
                name=_fit(Speaker.__table__.c.name, ref.name),
                slug=slug,
                kind=ref.kind,
                role=_fit(Speaker.__table__.c.role, ref.role),
                merge_key=key,
            )
            if created is not None:
                self.created += 1
                self._remember_slug(base_slug, number)
                return created
            existing = self.session.execute(
                select(Speaker.id, func.length(Speaker.name), Speaker.role.is_not(None)).where(
                    Speaker.merge_key == key
                )
            ).first()
            if existing is not None:
                stored = _Stored(*existing)
                self._keep_fullest_name_and_role(stored, ref)
                return stored.id
        raise RuntimeError(f"no free slug for speaker {ref.name!r}")  # pragma: no cover

    def _slug_candidates(self, base: str) -> Iterator[tuple[int, str]]:
        """(number, slug): `base` as 1, then `base-N` starting past the slugs already taken.

        Counting first keeps a common description ('council' in a thousand articles)
        from probing -2, -3 ... one by one, which made ingestion quadratic. Within one
        session the last number used for `base` is remembered, so the next 'council'
        neither tries the taken base nor counts again. That memory is only a hint: a
        slug taken meanwhile by another writer is a conflict like any other, and the
        probing goes on.
        """
        prefix = base[:250]
        first = self._slug_hints.get(base)
        if first is None:
            yield 1, base
            taken = self.session.scalar(
                select(func.count()).where(
                    or_(Speaker.slug == base, Speaker.slug.like(f"{_escape_like(prefix)}-%", "\\"))
                )
            )
            first = max(taken or 0, 1) + 1
        for number in range(first, first + _SLUG_PROBES):
            yield number, f"{prefix}-{number}"

    @property
    def _slug_hints(self) -> dict[str, int]:
        hints: dict[str, int] = self.session.info.setdefault(_SLUG_HINTS, {})
        if len(hints) > _SLUG_HINTS_MAX:
            hints.clear()  # a bound on memory in a very long run; hints only save queries
        return hints

    def _remember_slug(self, base: str, number: int) -> None:
        self._slug_hints[base] = max(number, 1) + 1

    def _keep_fullest_name_and_role(self, stored: _Stored, ref: SpeakerRef) -> None:
        name = _fit(Speaker.__table__.c.name, ref.name) or ""
        role = _fit(Speaker.__table__.c.role, ref.role)
        # A stored name only grows and a stored role is only ever set, so what was read
        # is a lower bound even under concurrent writers: when it already has a name at
        # least this long and (if we know one) a role, the update would change nothing.
        if stored.name_length >= len(name) and (stored.has_role or not role):
            return
        # One conditional update, atomic: concurrent writers cannot replace a longer name
        # with a shorter one nor overwrite a stored role, and rows with nothing to change
        # are not even locked.
        name_is_fuller = func.length(Speaker.name) < len(name)
        changes: dict[str, Any] = {"name": case((name_is_fuller, name), else_=Speaker.name)}
        needs_change = name_is_fuller
        if role:
            changes["role"] = func.coalesce(Speaker.role, role)
            needs_change = or_(name_is_fuller, Speaker.role.is_(None))
        self.session.execute(update(Speaker).where(Speaker.id == stored.id, needs_change).values(**changes))

    def _key(self, ref: SpeakerRef) -> str:
        return merge_key(ref, self.scope)


def merge_key(ref: SpeakerRef, scope: str) -> str:
    """Identity across documents: kind plus folded full name ('person:jane doe').

    A description rather than a name ('the contractor', 'officials') is a different
    source in every article, so its key carries the document (`scope`) as well.
    """
    key = f"{ref.kind}:{fold(ref.name)}"
    if ref.kind == "unnamed" or not is_proper_name(ref.name):
        key = f"{key}@{scope[:16]}"
    return _fit(Speaker.__table__.c.merge_key, key)


# Lower-case words that may sit inside a proper name: "Ursula von der Leyen".
_NAME_PARTICLES = frozenset("al bin da das de del der di dos du ibn la le of van von y".split())
_DETERMINERS = frozenset("a an the some several many one two three".split())


def is_proper_name(form: str) -> bool:
    """'Jane Doe', 'Ursula von der Leyen', '李明' are names; 'the contractor', 'officials' are not."""
    words = form.split()
    if not words or words[0].casefold() in _DETERMINERS or words[0][:1].islower():
        return False
    return all(not word[:1].islower() or word in _NAME_PARTICLES for word in words)


def _implicit_ref(name: str) -> SpeakerRef:
    # The extraction named a source without listing it; "Jane Doe" reads as a person,
    # "officials" as an unnamed source.
    return SpeakerRef(name=name, kind="person" if is_proper_name(name) else "unnamed")


def insert_ignore(session: Session, table: Table, *, returning: Column | None = None, **values: Any) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING; return `returning` of the new row, else None."""
    statement = _insert_ignoring_conflicts(session, table).values(**values)
    if returning is None:
        session.execute(statement)
        return None
    return session.execute(statement.returning(returning)).scalar_one_or_none()


def _insert_ignoring_conflicts(session: Session, table: Table) -> Any:
    dialect = session.get_bind().dialect.name
    try:
        make_insert = _DIALECT_INSERT[dialect]
    except KeyError:
        raise RuntimeError(f"unsupported database dialect {dialect!r}") from None
    return make_insert(table).on_conflict_do_nothing()


def _fit(column: Column, value: str | None) -> str | None:
    """Cut `value` to the column's length: PostgreSQL rejects longer strings outright."""
    length = getattr(column.type, "length", None)
    return value[:length] if value is not None and length else value


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
