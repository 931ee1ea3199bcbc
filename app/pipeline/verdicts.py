"""Statements that judge another source's act become reactions.

    Councillor Ana Ruiz said the board had "made a terrible mistake".   oppose the board
    Analyst Ivo Marsh wrote that the delay was "prudent".               support the actor
    Mayor Ana Ruiz said she was "deeply disappointed".                   oppose the actor
    The agency said it had "full confidence" in the unit's handling.     support the unit

Only explicit evidence counts: another source named as the subject of what was said,
a possessive act ("the unit's handling"), an act noun ("the ruling") or a feeling
about it. A statement that merely discusses the topic is no reaction.
"""

import re

from app.pipeline.coref import Registry
from app.pipeline.lexicon import ACTION_NOUNS, HEAD_SYNONYMS, NEGATIVE_WORDS, POSITIVE_WORDS, TITLE_WORDS
from app.pipeline.speakers import Source, analyse_np
from app.pipeline.types import ReactionFound, Statement

_ABOUT_OTHER = re.compile(
    r"\s*((?:the\s+)?[\w’'.\- ]{2,50}?)\s+(?:had|has|have|was|were)\s")
_ACTION = re.compile(r"\bthe\s+(?:\w+\s+)?(judg(?:e)?ment|ruling|decision|verdict|vote)\b")
# A speaker's feeling about what happened: "she was 'deeply disappointed'".
_FEELING = re.compile(
    r"\b(?:[Ii]|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:was|were|is|are|am|felt|feels|had been)\s+"
    r"(?:\w+ly\s+)?[“\"]?(?:\w+ly\s+)?(?:disappointed|gutted|delighted|pleased|saddened|angry|"
    r"furious|relieved|thrilled|dismayed|frustrated|appalled|shocked|devastated|heartened)\b")
_OWNED_ACT = re.compile(r"\b((?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,4}[A-Z][\w.\-]*|the\s+[a-z]+)"
                        r"[’']s\s+(?:\w+\s+)?(?:handling|decision|ruling|judg(?:e)?ment|response|approach|plan|move)\b")


def label_stance(content: str) -> str:
    """Stance of a verdict from its words: 'a hammer blow' opposes, 'a victory' supports."""
    words = set(re.findall(r"[a-z]+", content.lower()))
    return "support" if words & POSITIVE_WORDS else "oppose" if words & NEGATIVE_WORDS \
        else "neutral"


def by_name(registry: Registry, name: str) -> Source | None:
    return next((s for s in registry.speakers() if s.name == name), None)


def statement_reaction(st: Statement, text: str, masked: str, registry: Registry,
                        lead: Source | None) -> ReactionFound | None:
    """A statement about another source's act: 'said the court had "closed a loophole"',
    'said it had "full confidence" in the agency's handling'."""
    speaker = by_name(registry, st.speaker)
    if speaker is None:
        return None
    candidates: list[Source | None] = []
    m = _ABOUT_OTHER.match(text, st.start, st.end)
    if m and re.fullmatch(r"[Tt]he\s+(?:[a-z]+|[A-Z]{2,})|[A-Z]{2,}", m.group(1).strip()):
        head = m.group(1).split()[-1]
        if head.lower() in ACTION_NOUNS:
            candidates.append(lead)  # "the delay was 'prudent'": a verdict on the act
        elif head.lower() not in TITLE_WORDS:
            candidates.append(registry.named_like(head, st.start))  # "the court had ..."
    if st.kind != "direct":  # a quotation counts only when it names the other source
        owner = _OWNED_ACT.search(text, st.start, st.end)
        if owner:
            candidates.append(_owner_source(owner.group(1), registry, st.start))
        if _ACTION.search(text, st.start, st.end) or _FEELING.search(text, st.start, st.end):
            candidates.append(lead)  # "the ruling ...", "she was deeply disappointed"
    # The first candidate that is another organisation: "the agency had full confidence
    # in the unit's handling" is about the unit, not the speaking agency.
    target = next((c for c in candidates if c is not None and c is not speaker
                   and c.kind == "organization" and not _related(speaker, c)), None)
    if target is None:
        return None
    words = set(re.findall(r"[a-z]+", st.text.lower()))
    stance = "support" if words & POSITIVE_WORDS else "oppose" if words & NEGATIVE_WORDS \
        else "concern" if st.cue.lower().startswith(("warn", "caution", "fear", "worr")) \
        else "neutral"
    if st.kind == "direct" and stance == "neutral":
        return None  # a quotation that merely mentions another source is no reaction
    return ReactionFound(speaker.name, stance, st.cue, st.text, st.start, st.end,  # type: ignore[arg-type]
                         target.name, None)


def _owner_source(phrase: str, registry: Registry, pos: int) -> Source | None:
    """'the board' -> the article's 'Northmoor Health Board'; 'Acme' -> Acme."""
    words = phrase.split()
    if len(words) == 2 and words[0].lower() == "the":
        return registry.named_like(words[1], pos)
    mention = analyse_np(phrase)
    if mention is None or mention.pronoun:
        return None
    return registry.resolve(mention, pos, pos)


def _related(a: Source, b: Source) -> bool:
    """A minister speaking of her own ministry is not reacting to it."""
    hay = f"{a.name} {a.role or ''} {' '.join(a.aliases)} {' '.join(a.roles)}"
    if b.name.isupper():  # "EU" and a role at the "European Union"
        caps = [w[0] for w in re.findall(r"\b[A-Z][\w’'-]*", hay)]
        n = len(b.name)
        if any("".join(caps[i : i + n]) == b.name for i in range(len(caps) - n + 1)):
            return True
    if any(re.search(rf"\b{re.escape(w)}\b", hay, re.IGNORECASE)
           for w in b.name.split() if len(w) > 3):
        return True
    # "the cabinet" and its minister, "the court" and its judge
    head = b.name.split()[-1].lower()
    return any(re.search(rf"\b{re.escape(w)}\b", hay, re.IGNORECASE)
               for w in HEAD_SYNONYMS.get(head, ()))
