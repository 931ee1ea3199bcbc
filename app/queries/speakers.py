"""Speakers: name matching shared by every `speaker=`-like filter, listing and lookup."""

import weakref
from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Engine,
    Select,
    bindparam,
    false,
    func,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session, selectinload

from app.models import Claim, Reaction, Speaker, SpeakerAlias
from app.queries.filters import conditions
from app.queries.pagination import Page, SortKey, paginate
from app.queries.version import current_data_version
from app.textnorm import fold, slugify

MAX_ID = 2**31 - 1

BY_NAME = SortKey(name="name", column=Speaker.name, id_column=Speaker.id, attribute="name", value_type=str)


def as_id(term: str) -> int | None:
    """Return `term` as a row id when it is one that can exist, else None."""
    term = term.strip()
    if term.isascii() and term.isdigit() and 0 < int(term) <= MAX_ID:
        return int(term)
    return None


def matching_speaker_ids(term: str) -> CompoundSelect[tuple[int]] | Select[tuple[int]]:
    """Select ids of speakers that `term` names: an id, a slug, or a name matched loosely.

    Names are compared folded (case and accents ignored) with the stored aliases, which
    include each canonical name: equal, the alias ends with the term as a word ("hegseth"
    finds "pete hegseth"), or the term ends with a multi-word alias ("defense secretary
    pete hegseth" finds "pete hegseth"). Each branch is one index lookup, joined by UNION
    (an OR over different columns, or a LIKE '% term', would read the whole tables).
    """
    folded = fold(term)
    if not folded:
        return select(Speaker.id).where(false())
    suffixes = _suffixes(folded)
    words = folded.split(" ")
    lookups: list[Select[tuple[int]]] = [
        select(SpeakerAlias.speaker_id).where(SpeakerAlias.normalized.in_(suffixes)),
        select(SpeakerAlias.speaker_id).where(
            SpeakerAlias.last_word == words[-1],
            SpeakerAlias.normalized.endswith(" " + folded, autoescape=True),
        ),
        select(Speaker.id).where(Speaker.slug.in_(sorted({slugify(term), term.strip().lower()}))),
    ]
    if (speaker_id := as_id(term)) is not None:
        lookups.append(select(Speaker.id).where(Speaker.id == speaker_id))
    return union(*lookups)


def _suffixes(folded: str) -> list[str]:
    """The folded term itself, and each of its word suffixes of two words or more."""
    words = folded.split(" ")
    return [folded] + [" ".join(words[i:]) for i in range(1, len(words) - 1)]


def _like_escaped(text: str) -> str:
    # What `autoescape=True` does, for a value bound at execution.
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


_aliases, _speakers = SpeakerAlias.__table__.c, Speaker.__table__.c
# matching_speaker_ids as one statement built once, its values bound on each call:
# building the UNION anew (and its cache key) cost more than running it. UNION ALL:
# the ids are collected in a set, so the database need not sort them unique.
_LOOKUP = union_all(
    select(_aliases.speaker_id).where(_aliases.normalized.in_(bindparam("suffixes", expanding=True))),
    select(_aliases.speaker_id).where(
        _aliases.last_word == bindparam("last_word"),
        _aliases.normalized.like(bindparam("ending"), escape="/"),
    ),
    select(_speakers.id).where(_speakers.slug.in_(bindparam("slugs", expanding=True))),
    select(_speakers.id).where(_speakers.id == bindparam("speaker_id")),
)


def _lookup_values(term: str) -> dict[str, object] | None:
    """The values _LOOKUP binds for `term`; None when it can name no one."""
    folded = fold(term)
    if not folded:
        return None
    return {
        "suffixes": _suffixes(folded),
        "last_word": folded.rsplit(" ", 1)[-1],
        "ending": "%" + _like_escaped(" " + folded),
        "slugs": sorted({slugify(term), term.strip().lower()}),
        "speaker_id": as_id(term) or 0,  # ids start at 1: 0 finds no one
    }


@dataclass(frozen=True, slots=True)
class SpeakerIds:
    """Speakers already looked up by name: a filter on this set of ids, which may be empty."""

    ids: tuple[int, ...]


class _NamedIds:
    """What each looked-up term named, kept only while the database's data version holds.

    A listing by speaker name otherwise pays a four-branch lookup on every request, and
    clients ask for the same few speakers again and again. The version and its answers
    are one tuple, swapped whole, so no thread ever pairs a version with older answers.
    """

    MAX_TERMS = 10_000

    def __init__(self) -> None:
        self.state: tuple[Hashable | None, dict[str, tuple[int, ...]]] = (None, {})

    def get(self, version: Hashable | None, term: str) -> tuple[int, ...] | None:
        kept_version, ids = self.state
        return ids.get(term) if version is not None and version == kept_version else None

    def put(self, version: Hashable | None, term: str, found: tuple[int, ...]) -> None:
        if version is None:
            return
        kept_version, ids = self.state
        if version == kept_version and len(ids) < self.MAX_TERMS:
            ids[term] = found
        else:
            self.state = (version, {term: found})


_named_ids: "weakref.WeakKeyDictionary[Engine, _NamedIds]" = weakref.WeakKeyDictionary()


def _named_ids_of(engine: Engine) -> tuple[_NamedIds, Hashable | None]:
    """The cache of `engine`'s database and its current data version (None: do not cache)."""
    cache = _named_ids.get(engine)
    if cache is None:
        cache = _named_ids.setdefault(engine, _NamedIds())
    return cache, current_data_version(engine)


def cached_speakers(engine: Engine, terms: tuple[str, ...]) -> SpeakerIds | None:
    """The speakers `terms` name, if each term was looked up since the last commit; else None."""
    cache, version = _named_ids_of(engine)
    ids: set[int] = set()
    for term in terms:
        found = cache.get(version, term)
        if found is None:
            return None
        ids.update(found)
    return SpeakerIds(tuple(sorted(ids)))


def resolve_speakers(*, session: Session, terms: tuple[str, ...]) -> SpeakerIds:
    """Look up the speakers any of `terms` names, once, before the main query.

    A literal id list lets the database estimate the match and use the
    (speaker_id, said_on, id) index, which a name-matching subquery hides from it.
    The version is read before the lookups, so an answer kept under it is never older
    than it (each SQLite statement reads the latest commit).
    """
    cache, version = _named_ids_of(session.get_bind())
    ids: set[int] = set()
    for term in terms:
        found = cache.get(version, term)
        if found is None:
            values = _lookup_values(term)
            rows = session.connection().execute(_LOOKUP, values).scalars() if values is not None else ()
            found = tuple(sorted(set(rows)))
            cache.put(version, term, found)
        ids.update(found)
    return SpeakerIds(tuple(sorted(ids)))


def speaker_named(column, term: str) -> ColumnElement[bool]:
    """Condition: `column` (a speaker id) refers to a speaker that `term` names."""
    return column.in_(matching_speaker_ids(term))


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerFilters:
    q: str | None = None
    kind: tuple[str, ...] = ()


def _name_contains(q: str) -> ColumnElement[bool]:
    folded = fold(q)
    aliases = select(SpeakerAlias.speaker_id).where(SpeakerAlias.normalized.contains(folded, autoescape=True))
    return or_(func.lower(Speaker.name).contains(folded, autoescape=True), Speaker.id.in_(aliases))


SPEAKER_CONDITIONS = {"q": _name_contains, "kind": lambda kind: Speaker.kind == kind}


def list_speakers(
    *, session: Session, filters: SpeakerFilters, limit: int, cursor: str | None, count: bool = False
) -> Page[Speaker]:
    """List speakers by name, optionally those whose name or alias contains `q`."""
    statement = select(Speaker).where(*conditions(filters, SPEAKER_CONDITIONS))
    return paginate(session, statement, sort=BY_NAME, limit=limit, cursor=cursor, count=count)


def get_speaker(*, session: Session, id_or_slug: str) -> Speaker | None:
    """Return the speaker with this id or slug, aliases loaded, or None."""
    speaker_id = as_id(id_or_slug)
    key = Speaker.id == speaker_id if speaker_id is not None else Speaker.slug == id_or_slug
    return session.scalar(select(Speaker).where(key).options(selectinload(Speaker.aliases)))


@dataclass(frozen=True, slots=True)
class SpeakerCounts:
    claim_count: int
    reaction_count: int


def speaker_counts(*, session: Session, speaker_id: int) -> SpeakerCounts:
    """Count the claims a speaker made and the reactions they voiced."""
    claims = (
        session.scalar(select(func.count()).select_from(Claim).where(Claim.speaker_id == speaker_id)) or 0
    )
    reactions = (
        session.scalar(select(func.count()).select_from(Reaction).where(Reaction.reactor_id == speaker_id))
        or 0
    )
    return SpeakerCounts(claim_count=claims, reaction_count=reactions)
