"""Full-text search behind one small interface, with the dialect split kept here.

Users write one syntax on every backend: words are ANDed, `OR` between words, `-word`
or `NOT word` excludes, `"a phrase"` matches words in order, `word*` matches a prefix.
`parse_search` turns that into a `SearchQuery`; `text_match` renders it as SQLite FTS5
(external-content `*_fts` tables kept by triggers) or as PostgreSQL `to_tsquery` against
GIN-indexed tsvectors (`to_tsquery`, not `websearch_to_tsquery`, so prefixes work the
same on both). Every user string either parses or is an InvalidParameter, never SQL.

Both fold accents: FTS5's unicode61 tokenizer with remove_diacritics, PostgreSQL's
`onrecord` configuration (english with the unaccent dictionary; see the migration
pg_search_vectors_unaccent, which falls back to plain english where the extension
cannot be created).

`sort=relevance` ranks the matches best first: FTS5's bm25() on SQLite (lower is
better), the negated ts_rank of the same tsvector on PostgreSQL (so lower is better
there too), with the id as tie-break. The score is the sort key of an ordinary keyset
cursor over (score, id): a cursor carries the last score exactly (a float survives
JSON), so rows with identical scores are split by id and each is listed once. Scores
depend on the whole index (bm25 weighs a word by how rare it is), so, unlike a date,
a score can move when rows are added between two pages.
"""

import html
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, Select, Subquery, bindparam, literal_column, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, with_expression

from app.errors import InvalidParameter
from app.models import Claim, Document, Reaction
from app.queries.pagination import Page, SortKey

SNIPPET_OPEN, SNIPPET_CLOSE = "<mark>", "</mark>"
# The database marks hits with private-use characters; the excerpt is HTML-escaped and
# only then are they turned into <mark> tags, so a snippet is always safe as HTML.
_HIT_OPEN, _HIT_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<word>\S+)')
_PG_CONFIG = "'onrecord'::regconfig"


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Any of `groups` (OR); within a group every positive term and no negated one."""

    groups: tuple[tuple[Term, ...], ...]


@dataclass(frozen=True, slots=True)
class SearchTarget:
    table: str
    id_column: ColumnElement[int]
    # PostgreSQL: the tsvector the GIN index covers (a stored column, or the indexed
    # expression spelled exactly as in the migration), and the text snippets come from.
    pg_vector: str
    pg_snippet_source: str


FEW_MATCHES = 2000  # see _few_matches

CLAIMS = SearchTarget("claims", Claim.id, "claims.search_vector", "claims.text")
REACTIONS = SearchTarget("reactions", Reaction.id, "reactions.search_vector", "reactions.text")
DOCUMENTS = SearchTarget(
    "documents",
    Document.id,
    f"to_tsvector({_PG_CONFIG}, documents.title || ' ' || documents.text)",
    "documents.text",
)
PG_VECTOR_COLUMN = "search_vector"  # PostgreSQL only, so not in app.models
FTS_TABLES = tuple(f"{target.table}_fts" for target in (CLAIMS, REACTIONS, DOCUMENTS))


def _terms(q: str) -> Iterator[Term | str]:
    negate_next = False
    for match in _TOKEN.finditer(q):
        if match.group("word") is None:
            words = tuple(match.group("phrase").split())
            if words:
                yield Term(words, negated=bool(match.group("neg")) or negate_next)
            negate_next = False
            continue
        word = match.group("word")
        if word.upper() in ("OR", "AND", "NOT"):
            negate_next = word.upper() == "NOT"
            if word.upper() == "OR":
                yield "OR"
            continue
        negated = word.startswith("-") or negate_next
        negate_next = False
        stripped = word.lstrip("-")
        core = stripped.rstrip("*")
        if core:
            yield Term((core,), prefix=core != stripped, negated=negated)


def parse_search(q: str) -> SearchQuery:
    """Parse the user's search text; raise InvalidParameter when nothing can be searched."""
    groups: list[list[Term]] = [[]]
    # NUL ends a string for SQLite's FTS5 parser and is refused by PostgreSQL: a space here.
    for item in _terms(q.replace("\x00", " ")):
        if item == "OR":
            groups.append([])
        else:
            groups[-1].append(item)
    kept = tuple(tuple(group) for group in groups if group)
    if not kept:
        raise InvalidParameter("q", "the search has no words")
    if any(all(term.negated for term in group) for group in kept):
        raise InvalidParameter("q", "each alternative needs at least one word that is not excluded")
    return SearchQuery(kept)


def _fts5_term(term: Term) -> str:
    phrase = '"' + " ".join(term.words).replace('"', '""') + '"'
    return phrase + "*" if term.prefix else phrase


def to_fts5(query: SearchQuery) -> str:
    """Render for SQLite FTS5 MATCH: quoted phrases, implicit AND, NOT, OR."""
    groups = []
    for group in query.groups:
        positive = " ".join(_fts5_term(t) for t in group if not t.negated)
        negative = "".join(f" NOT {_fts5_term(t)}" for t in group if t.negated)
        groups.append(f"({positive}{negative})")
    return " OR ".join(groups)


def _tsquery_word(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery_term(term: Term) -> str:
    words = [_tsquery_word(word) for word in term.words]
    if term.prefix:
        words[-1] += ":*"
    body = " <-> ".join(words)
    return f"!({body})" if term.negated else f"({body})"


def to_tsquery(query: SearchQuery) -> str:
    """Render for PostgreSQL to_tsquery: & within a group, | between groups, ! to exclude."""
    return " | ".join("(" + " & ".join(_tsquery_term(t) for t in group) + ")" for group in query.groups)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def text_match(
    session: Session, target: SearchTarget, query: SearchQuery, *, in_index_order: bool = False
) -> ColumnElement[bool]:
    """Condition: the row of `target` matches `query`, on this session's backend.

    `in_index_order` (SQLite): the caller's sort has an index to walk, so walk it rather
    than start from the matches - a page of a common word then stops after `limit` rows,
    where starting from the matches would read and sort them all.
    """
    if _dialect(session) == "postgresql":
        return text(f"{target.pg_vector} @@ to_tsquery({_PG_CONFIG}, :tsquery)").bindparams(
            tsquery=to_tsquery(query)
        )
    fts = f"{target.table}_fts"
    matching = text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :fts_query").bindparams(
        fts_query=to_fts5(query)
    )
    if not in_index_order or _few_matches(session, fts, to_fts5(query)):
        return target.id_column.in_(matching.columns(literal_column("rowid")))
    # `+id` hides the primary key from the planner, so it cannot drive from the matches:
    # it walks the sort's index, probes the matches (built once) and stops at the limit.
    unindexed_id = literal_column(f"+{target.table}.{target.id_column.name}")
    return unindexed_id.in_(matching.columns(literal_column("rowid")))


def _few_matches(session: Session, fts: str, fts_query: str) -> bool:
    """Does `fts_query` match at most FEW_MATCHES rows? (reads at most that many)

    Few: start from the matches and sort them. Many: walking the sort's index finds a
    page of them after a few rows, where sorting all of them costs more.
    """
    probe = text(f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH :q LIMIT :n)")
    return (session.scalar(probe.bindparams(q=fts_query, n=FEW_MATCHES + 1)) or 0) <= FEW_MATCHES


def snippets(
    session: Session, target: SearchTarget, query: SearchQuery, ids: Iterable[int]
) -> dict[int, str]:
    """Return a short highlighted excerpt for each of `ids` that matches `query`."""
    ids = list(ids)
    if not ids:
        return {}
    if _dialect(session) == "postgresql":
        statement = text(
            f"SELECT id, ts_headline({_PG_CONFIG}, {target.pg_snippet_source}, to_tsquery({_PG_CONFIG}, :q), "
            f":options) FROM {target.table} WHERE id IN :ids"
        ).bindparams(
            bindparam("ids", expanding=True),
            q=to_tsquery(query),
            ids=ids,
            options=f"StartSel={_HIT_OPEN}, StopSel={_HIT_CLOSE}, MaxWords=24, MinWords=8",
        )
    else:
        fts = f"{target.table}_fts"
        statement = text(
            f"SELECT rowid, snippet({fts}, -1, :open, :close, '…', 24) FROM {fts} "
            f"WHERE {fts} MATCH :q AND rowid IN :ids"
        ).bindparams(
            bindparam("ids", expanding=True),
            q=to_fts5(query),
            ids=ids,
            open=_HIT_OPEN,
            close=_HIT_CLOSE,
        )
    return {row_id: _as_html(snippet) for row_id, snippet in session.execute(statement)}


def _as_html(raw: str) -> str:
    return html.escape(raw, quote=False).replace(_HIT_OPEN, SNIPPET_OPEN).replace(_HIT_CLOSE, SNIPPET_CLOSE)


def search_page(
    session: Session,
    statement: Select[Any],
    target: SearchTarget,
    q: str | None,
    fetch: Callable[[Select[Any]], Page],
    *,
    in_index_order: bool = False,
) -> Page:
    """Narrow `statement` to rows matching `q` (if any), fetch a page, attach snippets."""
    if not q:
        return fetch(statement)
    query = parse_search(q)
    with search_errors():
        page = fetch(statement.where(text_match(session, target, query, in_index_order=in_index_order)))
        page.snippets.update(snippets(session, target, query, (item.id for item in page.items)))
    return page


RELEVANCE = "relevance"  # the sort name, and the label of the score a ranked row carries


def _scores(session: Session, target: SearchTarget, query: SearchQuery) -> Subquery:
    """(id, score) of every row of `target` matching `query`; the lower the score, the better."""
    if _dialect(session) == "postgresql":
        tsquery = f"to_tsquery({_PG_CONFIG}, :rank_query)"
        # Normalisation 1 divides by 1 + log(length), as bm25 weighs a long text down. The
        # cast: a real reaches Python through its shortest decimal, which the cursor would
        # carry back as a double that no longer equals it; a double round-trips exactly.
        sql = (
            f"SELECT id, CAST(-ts_rank({target.pg_vector}, {tsquery}, 1) AS double precision) AS score "
            f"FROM {target.table} WHERE {target.pg_vector} @@ {tsquery}"
        )
        rank_query = to_tsquery(query)
    else:
        fts = f"{target.table}_fts"
        sql = f"SELECT rowid AS id, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH :rank_query"
        rank_query = to_fts5(query)
    return text(sql).bindparams(rank_query=rank_query).columns(id=Integer, score=Float).subquery(RELEVANCE)


def _ranking(session: Session, target: SearchTarget, q: str | None) -> tuple[SearchQuery, Subquery, SortKey]:
    if not q:
        raise InvalidParameter("sort", "relevance needs a search: give q, or choose another sort")
    query = parse_search(q)
    scores = _scores(session, target, query)
    sort = SortKey(
        name=RELEVANCE, column=scores.c.score, id_column=scores.c.id, attribute=RELEVANCE, value_type=float
    )
    return query, scores, sort


def _ranked_entity(statement: Select[Any]) -> Any:
    """The ORM class `statement` selects alone (which then carries `relevance`), else None."""
    described = statement.column_descriptions
    entity = described[0].get("entity") if len(described) == 1 else None
    return entity if entity is not None and hasattr(entity, RELEVANCE) else None


def ranked_page(
    session: Session,
    statement: Select[Any],
    target: SearchTarget,
    q: str | None,
    fetch: Callable[[Select[Any], SortKey], Page],
) -> Page:
    """Narrow `statement` to rows matching `q`, fetch a page best match first, attach snippets.

    `fetch` pages in the sort it is given. ORM entities get their score in `relevance`;
    column rows get it as a last column for the cursor, dropped again from the page.
    """
    query, scores, sort = _ranking(session, target, q)
    statement = statement.join(scores, scores.c.id == target.id_column)
    entity = _ranked_entity(statement)
    if entity is not None:
        statement = statement.options(with_expression(entity.relevance, scores.c.score))
    else:
        statement = statement.add_columns(scores.c.score.label(RELEVANCE))
    with search_errors():
        page = fetch(statement, sort)
        ids = [item.id for item in page.items]
        if entity is None:
            # The score column only fed the cursor; a page shows the listing's own columns.
            page = replace(page, items=[tuple(row)[:-1] for row in page.items])
        page.snippets.update(snippets(session, target, query, ids))
    return page


def ranked_parts(
    session: Session, statement: Select[Any], target: SearchTarget, q: str | None
) -> list[Select[Any]]:
    """The statements that list `statement`'s rows matching `q`, best match first (for exports)."""
    _, scores, sort = _ranking(session, target, q)
    return sort.parts(statement.join(scores, scores.c.id == target.id_column))


@contextmanager
def search_errors() -> Iterator[None]:
    """Report a search the database engine refuses as an invalid `q`, not a server error."""
    try:
        yield
    except DBAPIError as exc:
        message = str(exc.orig).lower()
        if any(sign in message for sign in ("fts5", "tsquery", "syntax error", "unterminated")):
            raise InvalidParameter("q", "the search text cannot be parsed") from exc
        raise


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic autogenerate: leave the hand-made search tables, columns and indexes alone."""
    if type_ == "table" and name and (name in FTS_TABLES or name.startswith(FTS_TABLES)):
        return False
    if type_ == "column" and name == PG_VECTOR_COLUMN:
        return False
    return not (type_ == "index" and name and name.endswith("_search"))
