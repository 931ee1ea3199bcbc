"""Mentions: the names inside claims' text, matched like `speaker=` names."""

from sqlalchemy import ColumnElement, CompoundSelect, Select, false, select, union

from app.models import Claim, ClaimMention
from app.textnorm import fold


def mentioning_claim_ids(term: str) -> CompoundSelect[tuple[int]] | Select[tuple[int]]:
    """Select ids of claims whose text mentions the name `term`, matched loosely.

    As for speakers (app.queries.speakers.matching_speaker_ids), folded: equal, the
    stored name ends with the term as a word ("nowak" finds "anna nowak"), or the term
    ends with a stored name of two words or more ("minister anna nowak"). Each branch
    is one lookup in an index that holds the claim id too.
    """
    folded = fold(term)
    if not folded:
        return select(ClaimMention.claim_id).where(false())
    words = folded.split(" ")
    suffixes = [folded] + [" ".join(words[i:]) for i in range(1, len(words) - 1)]
    return union(
        select(ClaimMention.claim_id).where(ClaimMention.key.in_(suffixes)),
        select(ClaimMention.claim_id).where(
            ClaimMention.last_word == words[-1],
            ClaimMention.key.endswith(" " + folded, autoescape=True),
        ),
    )


def claim_mentions(term: str) -> ColumnElement[bool]:
    """Condition: the claim's text mentions the name `term`."""
    return Claim.id.in_(mentioning_claim_ids(term))
