"""Speaker rows for `persist`: map an extraction's names to speaker ids, merging across documents.

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

Every statement is built once at import and executed on the session's connection with
parameters: building and cache-keying a fresh select() per lookup cost more than the
database did. What a lookup learns is kept in `TransactionFacts` for the rest of the
transaction, so a person quoted in every article of a batch is looked up once per batch.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Column, Connection, Table, bindparam, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import Speaker, SpeakerAlias, last_word
from app.pipeline.types import Extraction, SpeakerRef
from app.textnorm import fold as _fold_uncached
from app.textnorm import slugify

_SLUG_PROBES = 1000
# session.info key: base slug -> next number to try (see SpeakerResolver._slug_candidates).
_SLUG_HINTS = "onrecord.slug_hints"
_SLUG_HINTS_MAX = 100_000
# session.info key: (speaker id, normalized alias) pairs committed by this session.
KNOWN_ALIASES = "onrecord.known_aliases"
_KNOWN_ALIASES_MAX = 200_000
_DIALECT_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

# The same few thousand names recur in every batch; folding one (NFKD, accents off)
# costs more than a dictionary lookup.
fold = lru_cache(maxsize=1 << 16)(_fold_uncached)

_speakers: Table = Speaker.__table__  # type: ignore[assignment]
_aliases: Table = SpeakerAlias.__table__  # type: ignore[assignment]
_STATE = (_speakers.c.id, func.length(_speakers.c.name), _speakers.c.role.is_not(None))
# At most two owners are read: "exactly one" is all the merging rules ask.
_ALIAS_OWNERS = (
    select(*_STATE)
    .join(_aliases, _speakers.c.id == _aliases.c.speaker_id)
    .where(_speakers.c.kind == bindparam("kind"), _aliases.c.normalized == bindparam("form"))
    .distinct()
    .limit(2)
)
# Multi-word aliases ending in the surname: the indexed last word, minus the bare
# surname itself (which is not a person's full name).
_SURNAME_OWNERS = (
    select(*_STATE)
    .join(_aliases, _speakers.c.id == _aliases.c.speaker_id)
    .where(
        _speakers.c.kind == "person",
        _aliases.c.last_word == bindparam("surname"),
        _aliases.c.normalized != bindparam("surname"),
    )
    .distinct()
    .limit(2)
)
_BY_MERGE_KEY = select(*_STATE).where(_speakers.c.merge_key == bindparam("key"))
_SLUGS_TAKEN = select(func.count()).where(
    or_(_speakers.c.slug == bindparam("base"), _speakers.c.slug.like(bindparam("pattern"), "\\"))
)
_NAME_IS_FULLER = func.length(_speakers.c.name) < bindparam("name_length")
# One conditional update, atomic: concurrent writers cannot replace a longer name with
# a shorter one nor overwrite a stored role, and rows with nothing to change are not
# even locked.
_KEEP_FULLEST_NAME = (
    update(_speakers)
    .where(_speakers.c.id == bindparam("speaker_id"), _NAME_IS_FULLER)
    .values(name=bindparam("name"))
)
_KEEP_FULLEST_NAME_AND_ROLE = (
    update(_speakers)
    .where(_speakers.c.id == bindparam("speaker_id"), or_(_NAME_IS_FULLER, _speakers.c.role.is_(None)))
    .values(
        name=case((_NAME_IS_FULLER, bindparam("name")), else_=_speakers.c.name),
        role=func.coalesce(_speakers.c.role, bindparam("role")),
    )
)


class Stored(NamedTuple):
    """What a lookup read of a speaker row: enough to tell whether an update is needed."""

    id: int
    name_length: int
    has_role: bool


_MISSING = object()


class TransactionFacts:
    """What the open transaction has read or written about speakers, keyed by question.

    Within one transaction this is exact on SQLite (the ingest holds the write lock,
    so nobody else writes) and safe on PostgreSQL (merge keys and slugs stay unique in
    the database; a stored name only grows, a role is only set). An article stored
    under a savepoint journals what it changes, so rolling the article back also
    forgets what it taught. Keys:
      ("alias", kind, form)   -> up to two Stored owners of that normalised alias
      ("surname", surname)    -> up to two Stored persons with a full name ending in it
      ("state", speaker id)   -> Stored, a lower bound of the row
      ("written", id, form)   -> an alias row this transaction wrote
    """

    def __init__(self) -> None:
        self._facts: dict[tuple, Any] = {}
        self._undo: list[tuple[tuple, Any]] | None = None

    def get(self, key: tuple) -> Any:
        return self._facts.get(key)

    def set(self, key: tuple, value: Any) -> None:
        if self._undo is not None:
            self._undo.append((key, self._facts.get(key, _MISSING)))
        self._facts[key] = value

    @contextmanager
    def article(self) -> Iterator[None]:
        """Journal the changes made inside; undo them if the block raises."""
        self._undo = []
        try:
            yield
        except BaseException:
            for key, old in reversed(self._undo):
                if old is _MISSING:
                    self._facts.pop(key, None)
                else:
                    self._facts[key] = old
            raise
        finally:
            self._undo = None

    def written_aliases(self) -> Iterator[tuple[int, str]]:
        return ((key[1], key[2]) for key in self._facts if key[0] == "written")


class SpeakerResolver:
    """Maps the speaker names of one extraction to speaker ids, creating or merging rows."""

    def __init__(self, session: Session, facts: TransactionFacts, scope: str) -> None:
        self.session = session
        self.conn: Connection = session.connection()
        self.facts = facts
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
        self._write_aliases(speaker_id, ref)
        return speaker_id

    def _write_aliases(self, speaker_id: int, ref: SpeakerRef) -> None:
        # Alias rows are never deleted but with their speaker, so one this session has
        # committed is still there: a person quoted in every article costs no insert.
        known = self.session.info.get(KNOWN_ALIASES, ())
        facts = self.facts
        rows = [
            {
                "speaker_id": speaker_id,
                "alias": fit(_aliases.c.alias, form),
                "normalized": normalized,
                "last_word": last_word(normalized),
            }
            for form in dict.fromkeys((ref.name, *ref.aliases))
            if (normalized := fit(_aliases.c.normalized, fold(form)))
            and (speaker_id, normalized) not in known
            and facts.get(("written", speaker_id, normalized)) is None
        ]
        if not rows:
            return
        # Rows as executemany parameters, not .values(rows): one compiled statement
        # for every article instead of one per number of forms.
        self.conn.execute(insert_ignoring_conflicts(self.conn, _aliases), rows)
        state = self.facts.get(("state", speaker_id))
        for row in rows:
            form = row["normalized"]
            if is_proper_name(ref.name) and ref.kind != "unnamed":  # descriptions never recur
                facts.set(("written", speaker_id, form), True)
            # Owner lists already read must now include this speaker.
            if state is not None:
                self._add_owner(("alias", ref.kind, form), state)
                if ref.kind == "person" and row["last_word"] != form:
                    self._add_owner(("surname", row["last_word"]), state)

    def _add_owner(self, key: tuple, state: Stored) -> None:
        owners = self.facts.get(key)
        if owners is not None and len(owners) < 2 and all(o.id != state.id for o in owners):
            self.facts.set(key, (*owners, state))

    def _owners(self, key: tuple, statement: Any, params: dict[str, str]) -> tuple[Stored, ...]:
        owners = self.facts.get(key)
        if owners is None:
            owners = tuple(Stored(*row) for row in self.conn.execute(statement, params))
            self.facts.set(key, owners)
            for owner in owners:
                self._remember_state(owner)
        return owners

    def _alias_match(self, ref: SpeakerRef) -> Stored | None:
        """The one known speaker of this kind already called by one of `ref`'s full forms.

        'José María Ibáñez' (also written 'José Ibáñez') joins a stored 'Jose Ibanez'. For
        people only multi-word forms count: a bare surname goes through `_surname_match`.
        """
        if not is_proper_name(ref.name) or ref.kind == "unnamed":
            return None
        forms = {fold(form) for form in (ref.name, *ref.aliases) if is_proper_name(form)}
        if ref.kind == "person":
            forms = {form for form in forms if " " in form}
        found: dict[int, Stored] = {}
        for form in sorted(forms):
            owners = self._owners(("alias", ref.kind, form), _ALIAS_OWNERS, {"kind": ref.kind, "form": form})
            found.update((owner.id, owner) for owner in owners)
            if len(found) > 1:
                return None
        return self._current(next(iter(found.values()))) if found else None

    def _surname_match(self, ref: SpeakerRef) -> Stored | None:
        """The one known person with this surname, when `ref` is a bare surname."""
        surname = fold(ref.name)
        if ref.kind != "person" or " " in surname or not is_proper_name(ref.name):
            return None
        owners = self._owners(("surname", surname), _SURNAME_OWNERS, {"surname": surname})
        return self._current(owners[0]) if len(owners) == 1 else None

    def _current(self, stored: Stored) -> Stored:
        """The latest known state of a speaker (an owner list may hold an older one)."""
        return self.facts.get(("state", stored.id)) or stored

    def _remember_state(self, stored: Stored) -> None:
        known = self.facts.get(("state", stored.id))
        if known is None or known.name_length < stored.name_length or stored.has_role > known.has_role:
            self.facts.set(("state", stored.id), stored)

    def _find_or_create(self, ref: SpeakerRef) -> int:
        key = self._key(ref)
        name = fit(_speakers.c.name, ref.name)
        base_slug = fit(_speakers.c.slug, slugify(ref.name)) or "speaker"
        for number, slug in self._slug_candidates(base_slug):
            # Slug collisions between different speakers get -2, -3 ...; the merge key
            # decides whether a conflict means "someone else created this speaker".
            role = fit(_speakers.c.role, ref.role)
            created = self.conn.execute(
                insert_ignoring_conflicts(self.conn, _speakers, returning_id=True),
                {"name": name, "slug": slug, "kind": ref.kind, "role": role, "merge_key": key},
            ).scalar_one_or_none()
            if created is not None:
                self.created += 1
                self._remember_slug(base_slug, number)
                self.facts.set(("state", created), Stored(created, len(name or ""), role is not None))
                return created
            existing = self.conn.execute(_BY_MERGE_KEY, {"key": key}).first()
            if existing is not None:
                stored = Stored(*existing)
                self._remember_state(stored)
                self._keep_fullest_name_and_role(self._current(stored), ref)
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
            taken = self.conn.execute(
                _SLUGS_TAKEN, {"base": base, "pattern": f"{_escape_like(prefix)}-%"}
            ).scalar()
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

    def _keep_fullest_name_and_role(self, stored: Stored, ref: SpeakerRef) -> None:
        name = fit(_speakers.c.name, ref.name) or ""
        role = fit(_speakers.c.role, ref.role)
        # A stored name only grows and a stored role is only ever set, so what was read
        # is a lower bound even under concurrent writers: when it already has a name at
        # least this long and (if we know one) a role, the update would change nothing.
        if stored.name_length >= len(name) and (stored.has_role or not role):
            return
        params = {"speaker_id": stored.id, "name": name, "name_length": len(name)}
        if role:
            self.conn.execute(_KEEP_FULLEST_NAME_AND_ROLE, {**params, "role": role})
        else:
            self.conn.execute(_KEEP_FULLEST_NAME, params)
        self.facts.set(
            ("state", stored.id),
            Stored(stored.id, max(stored.name_length, len(name)), stored.has_role or bool(role)),
        )

    def _key(self, ref: SpeakerRef) -> str:
        return merge_key(ref, self.scope)


def remember_committed_aliases(session: Session, facts: TransactionFacts) -> None:
    """After a commit: the aliases the transaction wrote need no insert in later ones."""
    known = session.info.setdefault(KNOWN_ALIASES, set())
    if len(known) > _KNOWN_ALIASES_MAX:
        known.clear()  # a bound on memory in a very long run; it only saves inserts
    known.update(facts.written_aliases())


def merge_key(ref: SpeakerRef, scope: str) -> str:
    """Identity across documents: kind plus folded full name ('person:jane doe').

    A description rather than a name ('the contractor', 'officials') is a different
    source in every article, so its key carries the document (`scope`) as well.
    """
    key = f"{ref.kind}:{fold(ref.name)}"
    if ref.kind == "unnamed" or not is_proper_name(ref.name):
        key = f"{key}@{scope[:16]}"
    return fit(_speakers.c.merge_key, key) or key


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


_INSERTS: dict[tuple[str, str, bool], Any] = {}


def insert_ignoring_conflicts(conn: Connection, table: Table, *, returning_id: bool = False) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING for `table` (RETURNING id), built once per dialect."""
    dialect = conn.dialect.name
    statement = _INSERTS.get((dialect, table.name, returning_id))
    if statement is None:
        try:
            make_insert = _DIALECT_INSERT[dialect]
        except KeyError:
            raise RuntimeError(f"unsupported database dialect {dialect!r}") from None
        statement = make_insert(table).on_conflict_do_nothing()
        if returning_id:
            statement = statement.returning(table.c.id)
        _INSERTS[(dialect, table.name, returning_id)] = statement
    return statement


def fit(column: Column, value: str | None) -> str | None:
    """Cut `value` to the column's length: PostgreSQL rejects longer strings outright."""
    length = getattr(column.type, "length", None)
    return value[:length] if value is not None and length else value


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
