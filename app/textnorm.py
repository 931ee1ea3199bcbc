"""Name normalisation shared by ingestion (what is stored) and queries (what is matched)."""

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower-case, strip accents, collapse whitespace: 'José  Ibáñez' -> 'jose ibanez'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def slugify(text: str) -> str:
    """URL-safe slug: 'Pete Hegseth' -> 'pete-hegseth'."""
    return _NON_SLUG.sub("-", fold(text)).strip("-") or "speaker"


def statement_words(text: str) -> list[str]:
    """The words of a statement, folded, punctuation dropped: '"We will, RESTORE it."' ->
    ['we', 'will', 'restore', 'it']."""
    return _NON_WORD.sub(" ", fold(text)).split()


def statement_key(text: str) -> str:
    """A 32-hex-digit key equal for statements that differ only in case, accents, punctuation
    or spacing: what `claims.text_key` stores and /claims/{id}/related matches on.

    '"We will restore discipline," ' and 'we will restore discipline.' share a key.
    """
    normalised = " ".join(statement_words(text))
    return hashlib.blake2b(normalised.encode(), digest_size=16).hexdigest()


# A statement and its negation share most words: 'we will not cut' is no report of
# 'we will cut'. ('t' is what is left of "n't" once punctuation is dropped.)
_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "nothing", "t"})


def near_identical(words: frozenset[str], other: frozenset[str], threshold: float = 0.8) -> bool:
    """Whether two statements' word sets overlap by at least `threshold` (Jaccard) and differ
    in no negation: 'We will restore discipline' ~ 'we will restore the discipline' (4/5)."""
    union = words | other
    if not union or len(words & other) < threshold * len(union):
        return False
    return not (words ^ other) & _NEGATIONS
