"""Find quotations: pairs of opening and closing marks, straight or curly.

A quotation that runs over several paragraphs is one quotation when each new
paragraph reopens the mark and the earlier paragraph leaves it open, as news
style requires:

    "We came with a list.
    "Delayed is not the same as cancelled," she said.
"""

import re
from dataclasses import dataclass

_PAIR = {"“": "”", '"': '"', "‘": "’"}
_MARK = re.compile(r"[“”\"‘’]")
_PARA_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation; `start`/`end` delimit the words inside the marks."""

    start: int
    end: int

    @property
    def outer(self) -> tuple[int, int]:
        """Offsets including the marks themselves."""
        return self.start - 1, self.end + 1


def _is_opening(text: str, i: int) -> bool:
    """An opening mark follows a space, a bracket or the start and precedes a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "“‘":
        # ’ doubles as an apostrophe, so ‘ only opens before a word.
        return text[i] == "“" or (not before.isalnum() and after.isalnum())
    if text[i] == '"':
        return (before.isspace() or before in "([{—–-/:") and not after.isspace()
    return False


def _is_closing(text: str, i: int, opener: str) -> bool:
    mark = text[i]
    if mark != _PAIR[opener] and not (opener == '"' and mark == "”"):
        return False
    if mark == "’":
        # An apostrophe inside a word ("it’s") or after a plural ("the players’ spirit")
        # is not a closing mark: a closing one follows punctuation or ends the clause.
        after = text[i + 1] if i + 1 < len(text) else " "
        if after.isalpha():
            return False
        before = text[i - 1] if i else " "
        rest = text[i + 1 : i + 3].lstrip(" ")
        return before in ",.!?—–;:" or not rest or rest[0] in ",.;:)!?—–\n"
    return True


def gap_end(gap: str) -> int:
    """Offset in `gap` just after its last paragraph break."""
    return [m.end() for m in _PARA_BREAK.finditer(gap)][-1]


def find_quotes(text: str) -> list[Quote]:
    """Return quotations in document order, joining paragraph-spanning ones.

    >>> [text[q.start:q.end] for q in find_quotes(text := 'He said: "Go now." Then left.')]
    ['Go now.']
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    opener = ""
    pending: int | None = None  # start of a quotation left open at a paragraph end
    for m in _MARK.finditer(text):
        i = m.start()
        if open_at is not None:
            gap = text[open_at:i]
            if _PARA_BREAK.search(gap):
                # Unclosed at the paragraph end: it continues only if this mark reopens.
                reopens = not text[gap_end(gap) + open_at:i].strip()
                if _is_opening(text, i) and reopens:
                    pending = open_at if pending is None else pending
                    open_at, opener = i + 1, text[i]
                    continue
                open_at = pending = None
            elif _is_closing(text, i, opener):
                start = pending if pending is not None else open_at
                quotes.append(Quote(start, i))
                open_at = pending = None
                continue
            else:
                continue
        if _is_opening(text, i):
            open_at, opener = i + 1, text[i]
    return quotes


def quote_mask(text: str, quotes: list[Quote]) -> str:
    """Replace the words inside quotations by underscores, keeping every offset.

    Cue and name patterns then never match inside a quotation: "I" or "we" in a
    quote is the speaker talking, not a new source.
    """
    if not quotes:
        return text
    parts: list[str] = []
    last = 0
    for q in quotes:
        parts.append(text[last:q.start])
        parts.append("".join("\n" if c == "\n" else "_" for c in text[q.start:q.end]))
        last = q.end
    parts.append(text[last:])
    return "".join(parts)
