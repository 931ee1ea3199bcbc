"""Cue detection: the verbs and phrases that attribute content to a source.

Runs on the quote-masked text, so a verb inside a quotation ("was then told to
wait") is never a cue. Filters out cues that are hypothetical ("is expected
to say"), passive ("was told"), negated ("did not respond") or nouns ("the claims").
"""

import re
from dataclasses import dataclass
from functools import cache

from app.pipeline.lexicon import (
    MODAL_BLOCKERS,
    PARTICIPLE_SPLITTERS,
    PASSIVE_BLOCKER,
    REACTION_LEMMAS,
    REACTION_PHRASES,
    surface_to_lemma,
)

_NOUN_MARKERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "this", "these", "those", "our", "your", "whose", "my"}
)
# First words of the reaction phrases, so the phrase pattern runs only where one starts.
_PHRASE_HEADS = frozenset(
    w for p, _ in REACTION_PHRASES for w in re.findall(r"[a-z]+", p.split(" ")[0])
)
_BY_AGENT = re.compile(r"\s+by\s+[\w“\"]")
# "a person briefed on the talks", "officials consulted about the plan": verbs that need an
# object, with a preposition straight after them, are passive participles after a noun.
_OBJECTLESS = re.compile(r"\s+(?:on|about|over|in)\s")
_NEEDS_OBJECT = frozenset({"brief", "tell", "inform", "consult", "ask", "question", "interview"})
_WORD = re.compile(r"[A-Za-z]+")
_FINITE_START = re.compile(r"(?:is|are|was|were)\s", re.IGNORECASE)
_ORDINALS = frozenset("first second third last only latest earliest".split())
# "a firm called Acme", "an app called Tallyho": an indefinite noun, then a name.
_INDEFINITE_NOUN = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+$")
_NAMING_AFTER = re.compile(r"\s+[A-Z]")
_PLURAL_BEFORE = re.compile(r"(?:\b(?:who|they|we|i|you|people|police)|\w\ws)\s+$", re.I)
# Words with their apostrophes; the last one holding a letter or digit is the word before a cue.
# (Searching r"([\w’']+)\W*$" instead tries every offset and costs 15 µs a cue.)
_WORD_RUN = re.compile(r"[\w’']*\w[\w’']*")
_PHRASES = re.compile("|".join(f"(?:{p})".replace(" ", r"\s+") for p, _ in REACTION_PHRASES), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue occurrence: `tier` is speech, thought, reaction or according."""

    start: int
    end: int
    text: str
    lemma: str
    tier: str

    @property
    def participle(self) -> bool:
        # "was scathing" is a finite phrase that only ends like a participle
        return self.text.lower().endswith("ing") and self.tier != "according" and (
            not self.text[:1].isalpha() or not _FINITE_START.match(self.text))

    @property
    def splits(self) -> bool:
        """Whether ', <cue>' opens a new statement rather than continuing one."""
        return " ".join(self.text.lower().split()) in PARTICIPLE_SPLITTERS or (
            self.participle and self.tier == "reaction"
        )


def _lemma_of_phrase(text: str) -> tuple[str, str]:
    return " ".join(text.lower().split()), "reaction"


def find_cues(masked: str, start: int, end: int) -> list[Cue]:
    """Return the usable cues between `start` and `end`, in order.

    >>> [c.text for c in find_cues(t := "She is expected to say more. He said so.", 0, len(t))]
    ['said']
    """
    table = surface_to_lemma()
    heads = _heads()
    wanted = _first_words()
    found: list[Cue] = []
    for w in _WORD.finditer(masked, start, end):
        low_word = w[0].lower()
        if low_word not in wanted:
            continue  # most words: one set lookup
        if low_word in _PHRASE_HEADS:
            p = _PHRASES.match(masked, w.start(), end)
            if p and not _blocked(masked, start, p.start(), "phrase"):
                lemma, tier = _lemma_of_phrase(p.group())
                found.append(Cue(p.start(), p.end(), p.group(), lemma, tier))
        options = heads.get(low_word)
        if not options:
            continue
        if masked[w.start() - 1 : w.start()] == "-" or masked[w.end() : w.end() + 1] == "-":
            continue  # "so-called", "much-criticised": part of a compound, no verb
        m = next((c for c in (_extend(masked, w, cont, end) for cont in options) if c), None)
        if m is None:
            continue
        text = masked[m[0] : m[1]]
        low = " ".join(text.lower().split())
        if low.startswith("according"):
            found.append(Cue(m[0], m[1], text, "according to", "according"))
            continue
        if low.startswith("put it"):
            found.append(Cue(m[0], m[1], text, "put it", "speech"))
            continue
        lemma, tier = table.get(low, ("", ""))
        if not lemma or _blocked(masked, start, m[0], lemma):
            continue
        if _BY_AGENT.match(masked, m[1], end):
            continue  # "described by one diplomat as tense": a passive participle
        if low == "called" and _NAMING_AFTER.match(masked, m[1], end) and _INDEFINITE_NOUN.search(
                masked, max(start, m[0] - 40), m[0]):
            continue  # "a bakery called Crumb & Co": a name given, no one calling anything
        if lemma in _NEEDS_OBJECT and low.endswith("ed") and _OBJECTLESS.match(masked, m[1], end):
            continue
        if tier == "thought" and low == lemma and not _PLURAL_BEFORE.search(
                masked, max(start, m[0] - 30), m[0]):
            continue  # "think tank", "a fear": base forms need a plural subject
        found.append(Cue(m[0], m[1], text, lemma, tier))
    found.sort(key=lambda c: c.start)
    return _drop_overlaps(found)


@cache
def _first_words() -> frozenset[str]:
    """Every word a cue or a reaction phrase can begin with."""
    return frozenset(_heads()) | _PHRASE_HEADS


@cache
def _heads() -> dict[str, list[re.Pattern[str] | None]]:
    """Cue forms keyed by their first word; multi-word forms carry a pattern for the rest
    and come first, so 'called for' wins over 'called'."""
    heads: dict[str, list[re.Pattern[str] | None]] = {}
    for form in surface_to_lemma():
        first, _, rest = form.partition(" ")
        cont = re.compile(r"\s+" + r"\s+".join(rest.split()) + r"\b", re.I) if rest else None
        heads.setdefault(first, []).append(cont)
    heads.setdefault("according", []).append(re.compile(r"\s+to\b", re.I))
    # "put it bluntly:" or "as she put it," - not "put it to a vote".
    heads.setdefault("put", []).append(
        re.compile(r"\s+it(?:\s+\w+ly)?(?=\s*[:,.;—–]|[^.;:\n\"“]{0,50}:)", re.I))
    for options in heads.values():
        options.sort(key=lambda c: c is None)
    return heads


def _extend(masked: str, w: re.Match[str], cont: re.Pattern[str] | None,
            end: int) -> tuple[int, int] | None:
    if cont is None:
        return w.start(), w.end()
    m = cont.match(masked, w.end(), end)
    return (w.start(), m.end()) if m else None


def _drop_overlaps(cues: list[Cue]) -> list[Cue]:
    out: list[Cue] = []
    for c in cues:
        if out and c.start < out[-1].end:
            if c.end - c.start > out[-1].end - out[-1].start:
                out[-1] = c
            continue
        out.append(c)
    return out


# Either blocker, in one scan of the words before a verb (a phrase is never passive).
_MODAL_OR_PASSIVE = re.compile(f"(?:{MODAL_BLOCKERS.pattern})|(?:{PASSIVE_BLOCKER.pattern})",
                               MODAL_BLOCKERS.flags | PASSIVE_BLOCKER.flags)


def _blocked(masked: str, sent_start: int, at: int, lemma: str) -> bool:
    """Hypothetical, negated, passive or nominal uses are not attributions."""
    before = masked[max(sent_start, at - 40) : at]
    if (MODAL_BLOCKERS if lemma == "phrase" else _MODAL_OR_PASSIVE).search(before):
        return True
    words = _WORD_RUN.findall(before) if lemma != "phrase" else ()
    if words and words[-1].lower() in _NOUN_MARKERS:
        return before.rstrip()[-1:].isalnum()
    if len(words) >= 2 and words[-1].lower() in _ORDINALS and words[-2].lower() in _NOUN_MARKERS:
        return True  # "the first confirmed case", "its only reported fault": an adjective
    return False


def reaction_stance(cue: Cue) -> str | None:
    """Stance carried by a reaction cue, None for other cues."""
    if cue.tier != "reaction":
        return None
    if cue.lemma in REACTION_LEMMAS:
        return REACTION_LEMMAS[cue.lemma]
    for pattern, stance in REACTION_PHRASES:
        if re.fullmatch(pattern, cue.lemma):
            return stance
    return None
