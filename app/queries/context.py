"""The sentence(s) around a span of an article's text, for a claim's `context`."""

import re

# A sentence ends at . ! ? (then closing quotes) before whitespace and a capital,
# quote or digit; a blank line or line break ends a paragraph.
_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?P<gap>\s+)(?=[A-Z\"“‘'(\d])|(?P<line>\s*\n\s*)")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr vs no u.s u.k u.n e.g i.e".split()
)


def _ends_with_abbreviation(text: str, end: int) -> bool:
    words = text[max(0, end - 12) : end].split()
    return bool(words) and words[-1].rstrip(".!?").lower() in _ABBREVIATIONS


def _breaks(text: str) -> list[tuple[int, int]]:
    found = []
    for match in _BREAK.finditer(text):
        group = "gap" if match.group("gap") is not None else "line"
        start, end = match.span(group)
        if group == "gap" and _ends_with_abbreviation(text, start):
            continue
        found.append((start, end))
    return found


def sentence_context(text: str, start: int, end: int) -> str:
    """Return the whole sentence(s) of `text` that the span [start, end) touches."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    breaks = _breaks(text)
    begin = max((after for before, after in breaks if after <= start), default=0)
    finish = min((before for before, after in breaks if before >= end), default=len(text))
    return text[begin:finish].strip()
