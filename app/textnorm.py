"""Name normalisation shared by ingestion (what is stored) and queries (what is matched)."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents, collapse whitespace: 'José  Ibáñez' -> 'jose ibanez'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def slugify(text: str) -> str:
    """URL-safe slug: 'Pete Hegseth' -> 'pete-hegseth'."""
    return _NON_SLUG.sub("-", fold(text)).strip("-") or "speaker"
