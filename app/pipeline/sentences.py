"""Sentence segmentation for news copy, hard-wrapped or not, aware of quotations.

Hand-written rather than pysbd/syntok: the splitter must keep a multi-sentence
quotation in one unit ("We act. We will," she said.) and must tell a wrapped line
("U.S.\\nDefense Secretary Jan Kowal said") from a headline or a list item, which
needs the line-length statistics of the whole document.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from app.pipeline.lexicon import ABBREVIATIONS, SENTENCE_STARTERS
from app.pipeline.quotes import Quote

_TERMINAL = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[\-–•A-Z0-9À-ÖØ-Þ])")
_SIGNATURE = re.compile(r"[ \t]*[—–-]{1,2}[ \t]+[A-Z]")
_PARA = re.compile(r"\n[ \t]*\n\s*")
_DATELINE = re.compile(r"[A-Z][A-Z/.'’ -]{2,}(?:,[^—–\n]{0,30})?(?:\s\(\w+\))?\s+[—–-]\s")
_WORD_CHARS = re.compile(r"[\w.’'-]+")
_NEXT_WORD = re.compile(r"\s*[\"“]?([\w’'-]+)")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _line_breaks(text: str) -> tuple[list[int], bool]:
    """Return the single newlines that end a unit, and whether the text is hard-wrapped.

    A newline inside running text ("the\\nalliance", "U.S.\\nDefense") is soft; one after
    a heading ("Key points:\\n"), before a list item, or after a line too short to have
    been wrapped is hard.
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    cont = [len(lines[i].rstrip()) for i in range(len(lines) - 1)
            if lines[i].strip() and lines[i + 1][:1].islower()]
    wrapped = len(cont) >= 2
    width = max(cont) if cont else 0
    hard: list[int] = []
    for i in range(len(lines) - 1):
        prev, nxt = lines[i].rstrip(), lines[i + 1].lstrip()
        if not prev or not nxt:
            continue
        first = nxt[0]
        if first.islower() or first.isdigit() or first in ",;)":
            continue
        if prev[-1] in ".!?\"”’)" and first not in "-•*":
            continue  # the sentence splitter decides, abbreviations included
        if (nxt.startswith(("- ", "• ", "* ", "– ", "By ")) or prev.endswith(":")
                or " | " in prev or " | " in nxt or _DATELINE.match(nxt)):
            hard.append(starts[i] + len(lines[i]))
        elif not wrapped or not 0.6 * width <= len(prev) <= width + 2:
            hard.append(starts[i] + len(lines[i]))
    return hard, wrapped


def _abbreviation_end(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation, not a sentence.

    "Dr. Ana Ruiz" and "J.P. Morgan" continue; "in the U.S. The plan" ends,
    because "The" opens sentences while "Defense" does not.
    """
    word = _word_before(text, dot)
    if not word:
        return False
    bare = word.rstrip(".").lower()
    if bare in ABBREVIATIONS:
        return True
    if len(bare) == 1 and word[0].isupper():
        return True  # an initial: "J. Smith"
    if _INITIALS.fullmatch(word.rstrip(".")):
        nxt = _NEXT_WORD.match(text[dot + 1:dot + 40])
        return (nxt.group(1).lower() if nxt else "") not in SENTENCE_STARTERS
    return False


def _word_before(text: str, dot: int) -> str:
    """The word (dots, apostrophes and hyphens included) that ends at `dot`, at most 30
    characters long: what searching r"([\w.’'-]+)$" in text[dot - 30:dot] finds, without
    trying every offset of the window."""
    end = dot - 1 if text[dot - 1 : dot] == "\n" else dot  # "$" matches before a final newline
    runs = _WORD_CHARS.findall(text, max(0, dot - 30), end)
    return runs[-1] if runs and _WORD_CHARS.match(text, end - 1, end) else ""


def split_sentences(text: str, quotes: list[Quote]) -> list[Sentence]:
    """Split `text` into sentences; never inside a quotation that goes on.

    >>> [text[s.start:s.end] for s in split_sentences(text := '"We act. We win," he said. It rained.', [])]
    ['"We act.', 'We win," he said.', 'It rained.']
    """
    q_starts = [q.start for q in quotes]
    cuts: set[int] = set()
    for m in _TERMINAL.finditer(text):
        dot = m.start()
        k = bisect_right(q_starts, dot) - 1
        if k >= 0 and quotes[k].start <= dot < quotes[k].end:
            if text[m.start():quotes[k].end].strip(".!?"):
                continue  # the quotation carries on after this stop
        if text[dot] == "." and m.group().startswith(".") and len(m.group().rstrip("\"”’)]")) == 1:
            if _abbreviation_end(text, dot):
                continue
        if m.group()[-1:] in "\"”’" and _SIGNATURE.match(text, m.end()):
            continue  # '"A dark day." – Ana Ruiz': the dash signs the quotation
        cuts.add(m.end())
    hard, _ = _line_breaks(text)
    cuts.update(hard)
    for m in _PARA.finditer(text):
        k = bisect_right(q_starts, m.start()) - 1
        if k >= 0 and quotes[k].start <= m.start() < quotes[k].end:
            continue
        cuts.add(m.start())
    bounds = sorted(cuts | {len(text)})
    para_starts = [0] + [m.end() for m in _PARA.finditer(text)]
    out: list[Sentence] = []
    last = 0
    for cut in bounds:
        chunk = text[last:cut]
        lead = len(chunk) - len(chunk.lstrip())
        start, end = last + lead, last + len(chunk.rstrip())
        if end > start:
            out.append(Sentence(start, end, bisect_right(para_starts, start) - 1))
        last = cut
    return out
