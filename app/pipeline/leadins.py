"""Colon and dash lead-ins that attribute a quotation without a verb of saying.

    Mayor Ana Ruiz was blunt: "We will not pay."             -> Ana Ruiz
    The governor's message was clear: "Stay home."            -> the governor
    The chancellor had a simple message for investors: "..."  -> the chancellor
    Ruiz: "We will rebuild."                                  -> Ruiz (transcript style)
"""

import re

from app.pipeline.quotes import Quote
from app.pipeline.speakers import Mention, analyse_np

_ADJECTIVE = (r"(?:blunt|clear|direct|frank|candid|unequivocal|defiant|adamant|emphatic|"
              r"firm|scathing|upbeat|optimistic|cautious|gloomy|succinct|brief|terse|simple)")
_OPEN = r"\s*[:—–]\s*(?=[“\"‘])"
# "NP was blunt:", "NP's message was clear:", "NP had a simple message (for X):"
_PATTERNS = (
    re.compile(rf"(?P<np>[^:;,.]{{2,80}}?)\s+(?:was|were|is|are)\s+(?:\w+ly\s+)?{_ADJECTIVE}{_OPEN}"),
    re.compile(rf"(?P<np>[^:;,.]{{2,80}}?)[’']s?\s+(?:message|verdict|response|answer|reply|"
               rf"reaction|warning|assessment|advice|view)\s+(?:\w+\s+){{0,3}}?(?:was|is)"
               rf"(?:\s+\w+)?{_OPEN}"),
    re.compile(rf"(?P<np>[^:;,.]{{2,80}}?)\s+had\s+(?:a|an|one)\s+(?:\w+\s+){{0,2}}?"
               rf"(?:message|warning|answer|verdict)(?:\s+(?:for|to)\s+[^:;]{{1,40}})?{_OPEN}"),
    re.compile(rf"(?P<np>[A-Z][\w’'.\- ]{{1,40}}?){_OPEN}"),
)


_BULLET = re.compile(r"\s*[-•*–]\s+")
_SIGNED = re.compile(r"[“\"‘][^“”\"]*[”\"’]\s*[—–-]{1,2}\s*(?P<np>[A-Z][^—–\n]{1,60}?)\s*$")


def lead_in(masked: str, lo: int, hi: int,
            quotes: list[Quote]) -> tuple[Mention, int, int, int, int] | None:
    """(speaker, speaker start, speaker end, content start, content end) of a lead-in
    sentence between `lo` and `hi`, or None."""
    bullet = _BULLET.match(masked, lo, hi)
    lo = bullet.end() if bullet else lo
    if not any(mark in masked[lo:hi] for mark in "“\"‘"):
        return None  # every pattern below needs an opening quotation mark
    signed = _SIGNED.match(masked, lo, hi)
    if signed:  # '"We will rebuild." — Mayor Ana Ruiz' (a quotation signed with a dash)
        q = next((q for q in quotes if q.start == lo + 1), None)
        mention = analyse_np(signed.group("np"))
        if q is not None and q.end + 1 <= signed.start("np") and mention is not None and (
                mention.kind in ("person", "organization") and not mention.definite):
            np_start = signed.start("np")
            return mention, np_start, np_start + len(signed.group("np").rstrip()), q.start, q.end
    for pattern in _PATTERNS:
        m = pattern.match(masked, lo, hi)
        if m is None:
            continue
        q = next((q for q in quotes if q.start - 1 >= m.end() and q.start <= m.end() + 2), None)
        if q is None or q.end > hi:
            continue
        np = m.group("np").strip()
        if pattern is _PATTERNS[0] and re.search(r"[’']s\s", np):
            continue  # "the governor's message was clear": the possessive pattern's case
        mention = analyse_np(np)
        if mention is None or pattern is _PATTERNS[-1] and (
                mention.kind not in ("person", "organization") or mention.definite):
            continue
        start = m.start("np") + (len(m.group("np")) - len(m.group("np").lstrip()))
        return mention, start, start + len(np), q.start, q.end
    return None


_ANSWER = re.compile(r"^[ \t]*A[:.][ \t]+(?P<answer>\S[^\n]*(?:\n(?![ \t]*Q[:.])[^\n]+)*)", re.M)


def interview_answers(text: str) -> list[tuple[int, int]]:
    """Spans of the answers in a 'Q: ... / A: ...' transcript; the questions are the
    reporter's and attribute nothing."""
    if "A:" not in text and "A." not in text:
        return []  # no answer marker: skip scanning every line start
    return [(m.start("answer"), m.end("answer")) for m in _ANSWER.finditer(text)
            if re.search(r"^[ \t]*Q[:.][ \t]", text, re.M)]


_QUESTION = re.compile(r"^[ \t]*Q[:.][ \t]+\S[^\n]*(?:\n(?![ \t]*A[:.])[^\n]+)*", re.M)


def interview_questions(text: str) -> list[tuple[int, int]]:
    """Spans of the questions in a 'Q: ... / A: ...' transcript: the reporter's words,
    so 'Q: Critics say the fees are too high. Are they?' attributes nothing."""
    if not re.search(r"^[ \t]*A[:.][ \t]", text, re.M):
        return []
    return [(m.start(), m.end()) for m in _QUESTION.finditer(text)]
