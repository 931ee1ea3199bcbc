"""Content spans: where what a source said begins and ends around its cue.

    Ana Ruiz said on Monday that the plan had failed.      after 'that'
    Ana Ruiz told her the plan had failed.                  after the audience
    The plan failed, Ana Ruiz said, and would be dropped.   around an inserted cue
    "It failed," she said, "and we knew it."                a split quotation
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from app.pipeline.cues import Cue, find_cues
from app.pipeline.quotes import Quote
from app.pipeline.subjects import Subject, is_intro

_ADVERBIAL = re.compile(
    r"\s*(?:,\s*(?:however|too|also|though|again|in turn|publicly|privately)\s*,)?"
    r"(?:\s*(?:(?:late|early|earlier|later)\s+)?on\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s*on\s+[A-Z]\w+\s+\d{1,2}(?:,\s*\d{4})?|\s*in\s+(?:a|an|her|his|its|their)\s+(?:joint\s+|"
    r"written\s+|emailed\s+|televised\s+)?(?:statement|letter|post|note|interview|speech|video|"
    r"report|briefing|email|address)(?:\s+(?:on|to|with)\s+[\w ]+?)?(?=\s|,|\.|:)"
    r"|\s*(?:yesterday|today|last\s+week|this\s+week|publicly|privately|repeatedly|also|again)\b"
    r"|\s*(?:after|at|during)\s+(?:the|a)\s+[\w-]+(?:\s+[\w-]+)?(?=\s+that\b|[.,:]|$))*"
)


# What may stand between two cues of one subject: ", and", "but", "while".
CONNECTOR = re.compile(
    r"(?:\s*,)?\s*(?:(?:and|but|while|before|though|although|as)\s+)?"
    r"(?:also\s+)?$"
)

_CLAIM_NOUN = re.compile(r"\s*(?:the\s+|any\s+)?(?:suggestions?|claims?|allegations?|accusations?|"
                         r"reports?|charges?|criticism|idea|notion|view|assertions?)\s*")
# A noun phrase whose head takes a that-clause of its own: "the firm's promise that",
# "the fact that", "his promise that".
_NOUN_WITH_THAT = re.compile(
    r"\s*(?:the|a|an|this|his|her|its|their|[\w.-]+[’']s?)\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?:assurances?|claims?|promises?|pledges?|suggestions?|allegations?|accusations?|"
    r"fact|idea|notion|view|argument|belief|hope|fear|news|warning|insistence|assertion)\s*")
_OPEN_ASIDE = re.compile(r",\s*(?:which|who|whom|whose)\b[^,]*$")
_COORDINATED_ACT = re.compile(
    r",\s*(?:but|and)\s+(?:\w+ly\s+)?(?:gave|declined|refused|did|offered|provided|left|"
    r"stopped|stressed|would\s+not|could\s+not|did\s+not)\b")
_INTERJECTION = re.compile(
    r",\s*(?:however|too|also|though|in turn|again|meanwhile|"
    r"in a statement|on \w+day)\s*,"
)
# The audience of "told": a clause may follow it directly ("told her he had ...").
_TOLD_OBJECT = re.compile(
    r"\s*(?:him|her|them|us|me|reporters|journalists|parliament|lawmakers|the\s+court|"
    r"(?:(?:the|local|foreign|state|national)\s+)?(?:media|press|television|radio|newspapers?))\b")
_FUNCTION = frozenset({"he", "she", "it", "they", "we", "i", "you", "there", "his", "her",
                       "its", "their", "the", "a", "an", "this", "these", "those", "our"})
_NOT_AUDIENCE = frozenset({"before", "after", "when", "as", "because", "and", "but", "if", "while",
                           "that", "to", "about", "of", "on", "in", "at"})
_CLAUSE_START = re.compile(
    r"\s+(?:(?:he|she|they|it|we|i|there)\s+(?!to\b)\S|(?:the|a|an|its|his|her|their)\s+(?:\w+\s+){0,2}"
    r"(?:was|were|had|has|have|is|are|would|will|could|should|might|must|can|"
    r"[a-z]{2,}ed(?!\s+(?:by|to|in|at|on|with)\b))\b)",  # "told the board the city faced ..."
    re.IGNORECASE)
_LEAD_IN = re.compile(r"\s*(?:[\w’'-]+\s+){0,6}?[\w’'-]*\s*[:—–]\s+(?=[“\"‘_A-Z])")
_AUDIENCE_COLON = re.compile(r"[^:“\"_.]{0,80}:\s*")
_THAT = re.compile(r"that\b(?<=\bthat)")  # "\bthat\b", opening with the literal a search skips to
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|had|have|will|would|could|can|should|may|"
    r"might|must|do|did|does|been|and|but|saw|took|made|went|came|gave|found|got|kept|"
    r"left|fell|rose|grew|won|lost|ran|held|met|paid|sold|spent|built|began|became|"
    r"brought|knew|showed|shows|wants|needs)\b|[_\"“”]"
)
_AUDIENCE_CUES = frozenset({"tell", "inform", "assure", "brief", "notify"})


@dataclass(slots=True)
class Claim:
    """One cue with its subject and content, before speaker resolution."""

    cue: Cue
    subject: Subject | None
    inherit: bool
    backward: bool = False
    start: int = -1
    end: int = -1
    kind: str = "indirect"
    via_that: bool = False


# Compiled once: these run for every claim, and a pattern given as a string is looked
# up in the re module's cache at each call.
_PUNCTUATION_ONLY = re.compile(r"[\s,.!?;:”\"’—–-]*")
_OPENING_MARK = re.compile(r"\s*,?\s*[“\"‘]")
_CLAUSE_RUN = re.compile(r"[^,.;:]*")
_COMMA_NEXT = re.compile(r"\s*,")
_COLON_NEXT = re.compile(r"\s*:?\s*")
_LETTER = re.compile(r"[A-Za-z]")
_TIME_PREPOSITION = re.compile(r"(?:in|on|at(?!\s+(?:least|most)\b)|during|after|before|from)\b")
_LABEL_OPENING = re.compile(r"(?:^|\bas\s+)[“\"‘]")


def quote_ending_before(
    quotes: list[Quote], starts: list[int], text: str, pos: int, lo: int
) -> Quote | None:
    """The quotation that closes right before `pos`, with only punctuation between."""
    k = bisect_right(starts, pos) - 1
    if k < 0:
        return None
    q = quotes[k]
    if q.start < lo or q.end > pos:
        return None
    return q if _PUNCTUATION_ONLY.fullmatch(text[q.end : pos]) else None


def _quote_starting_after(
    quotes: list[Quote], starts: list[int], text: str, pos: int, hi: int
) -> Quote | None:
    k = bisect_right(starts, pos)
    if k >= len(quotes) or quotes[k].start > hi:
        return None
    q = quotes[k]
    return q if _OPENING_MARK.fullmatch(text[pos : q.start]) else None


# "Operating profit rose", "Rising prices hurt": an -ing word before a bare noun and a
# verb is a noun phrase, not an intro like "Speaking to reporters" or "Asked about it".
_NOUN_ING = re.compile(r"[A-Z][a-z]+ing\s+(?!(?:to|at|in|on|for|with|about|after|the|a|an|his|her|"
                       r"their|its|this|that|our)\b)[a-z]+\s+[a-z]+(?:ed|ose|ell|ew|ank)\b")
_PARTICIPLE_NEXT = re.compile(r"\s*(?:on\s+\w+day\s*)?,\s*[a-z]+ing\s")


def _forward_start(masked: str, cue: Cue, hi: int) -> tuple[int, bool]:
    """Where reported content begins after a cue, and whether 'that' introduced it."""
    pos = cue.end
    # "called the kick that led to ..." : after an object, "that" opens a relative clause.
    object_cue = cue.tier == "reaction" or cue.lemma in ("call", "describe")
    for m in _THAT.finditer(masked, pos, min(hi, pos + 160)):
        if object_cue and masked[pos : m.start()].strip() and not _CLAIM_NOUN.fullmatch(
                masked[pos : m.start()]):
            break  # but "rejected suggestions that ..." reports what was rejected
        gap = _INTERJECTION.sub(" ", masked[pos : m.start()])
        if not object_cue and _NOUN_WITH_THAT.fullmatch(gap):
            break  # "said the firm's promise that ... was false": the noun's own clause
        clause = _CLAUSE_RUN.match(masked[m.end() : hi])
        words = clause.group().split() if clause else []
        if len(words) <= 2 and (not words or words[0].islower() and words[0] not in _FUNCTION):
            break  # "rejected that criticism": a determiner, not a complementiser
        if (
            "," not in gap
            and len(gap.split()) <= 16
            and not _VERBISH.search(gap)
            and not find_cues(masked, pos, m.start())
        ):
            return m.end(), True
        break
    m = _ADVERBIAL.match(masked, pos, hi)
    pos = m.end() if m else pos
    rest = masked[pos:hi]
    # A colon or dash must be there: testing for one is cheaper than the pattern's failing.
    lead_in = _LEAD_IN.match(rest) if any(mark in rest for mark in ":—–") else None
    if lead_in and not _VERBISH.search(lead_in.group()[:-1].replace("“", "").replace('"', "")):
        return pos + lead_in.end(), False  # "said afterwards: ...", "said — ..."
    if cue.lemma in _AUDIENCE_CUES:
        colon = _AUDIENCE_COLON.match(masked[pos:hi])
        if colon:
            return pos + colon.end(), False  # "told parliament on Monday: ..."
        obj_end = _audience_end(masked, pos, hi)
        if obj_end is None:
            return hi, False  # "told reporters." names the audience, not content
        pos = obj_end
    if _COMMA_NEXT.match(masked[pos:hi]):
        return hi, False  # "said on Monday, adding ...": nothing follows the cue itself
    colon = _COLON_NEXT.match(masked[pos:hi])
    return pos + (colon.end() if colon else 0), False


def _audience_end(masked: str, pos: int, hi: int) -> int | None:
    """End of the audience of 'told' when a clause follows it directly:
    'told investors the company would ...', 'told her he had ...'."""
    obj = _TOLD_OBJECT.match(masked, pos, hi)
    if obj and _CLAUSE_START.match(masked, obj.end(), hi):
        return obj.end()
    for k, m in enumerate(re.finditer(r"\s*([\w’'-]+)", masked[pos : min(hi, pos + 60)])):
        if k == 4 or m.group(1).lower() in _NOT_AUDIENCE:
            break
        end = pos + m.end()
        if _CLAUSE_START.match(masked, end, hi):
            return end
    return None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, keeping quotation marks."""
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.—–-":
        end -= 1
    return start, end


def fill_content(
    text: str,
    masked: str,
    lo: int,
    hi: int,
    claim: Claim,
    inverted: bool,
    quotes: list[Quote],
    q_starts: list[int],
) -> None:
    cue, subj = claim.cue, claim.subject
    anchor = subj.start if subj and not inverted else cue.start
    q = quote_ending_before(quotes, q_starts, text, anchor, lo)
    if q is not None and _LETTER.search(masked[lo : q.start - 1]) and not inverted:
        q = None  # 'Bodies had told her that rates would "rise", she said': a clause, mixed
    if q is not None and not claim.inherit:
        claim.backward, claim.kind = True, "direct"
        claim.start, claim.end = q.start, q.end
        after = subj.end if inverted and subj else cue.end
        m = _ADVERBIAL.match(masked, after, hi)
        q2 = _quote_starting_after(quotes, q_starts, text, m.end() if m else after, hi)
        if q2 is not None:
            claim.end = q2.end
        return
    if inverted and subj is not None and not claim.inherit:
        # "Prices will fall, predicted Ana Kovac." / "That, said Ruiz, was the turning point."
        comma = masked.rfind(",", lo, cue.start)
        if comma > lo and not masked[comma : cue.start].strip(" ,\n"):
            claim.backward = True
            claim.start, claim.end = trim_span(text, lo, comma)
            rest = re.match(r"\s*,\s*(?=[a-z])", masked[subj.end : hi])
            if rest and _VERBISH.search(masked[subj.end : hi]):
                claim.end = trim_span(text, claim.start, hi)[1]
            return
    start, via_that = _forward_start(masked, cue, hi)
    claim.via_that = via_that
    rest = masked[start:hi].strip(" .,;")
    if (
        rest
        and not _TIME_PREPOSITION.match(rest)
        # "Profit rose, the company said, beating forecasts": a participle is no content
        and not (subj is not None and _PARTICIPLE_NEXT.match(masked, cue.end, hi))
        and not (cue.lemma in _AUDIENCE_CUES and not via_that and start == hi)
    ):
        end = hi
        if _OPEN_ASIDE.search(masked, lo, cue.start):
            # "The minister, who said that the mine would close, resigned": the aside's
            # closing comma ends what was said.
            comma = masked.find(",", start, hi)
            end = comma if comma > start else hi
        claim.start, claim.end = trim_span(text, start, end)
        if cue.tier == "reaction" or cue.lemma in ("call", "describe"):
            _end_at_label(text, claim, quotes, q_starts)
        return
    if subj is not None and not inverted and not claim.inherit:
        comma = masked.rfind(",", lo, subj.start)
        closing = re.search(r"[”\"]\s*$", masked[lo : subj.start])
        if closing and lo + closing.start() > comma:
            comma = lo + closing.start()  # '... Europe, "is working," she said': ends in a quote
        clause = masked[lo:comma] if comma > lo else ""
        if comma > lo and not masked[comma : subj.start].strip(" ,\n”\"") and not (
                is_intro(clause) and "," not in clause and not _NOUN_ING.match(clause)):
            # not "In his response, X agreed"; but "Operating profit rose 5%, it said" is content
            claim.backward = True
            claim.start, claim.end = trim_span(text, lo, comma)
            _resume_after_aside(text, masked, claim, hi)


def _resume_after_aside(text: str, masked: str, claim: Claim, hi: int) -> None:
    """'The decision, the court said, was final': the content resumes after the cue."""
    m = _ADVERBIAL.match(masked, claim.cue.end, hi)
    pos = m.end() if m else claim.cue.end
    rest = re.match(r"\s*,\s*([a-z]\w*)", masked[pos:hi])
    if rest is None or rest.group(1) in ("according", "as", "while", "but", "and"):
        return
    if find_cues(masked, pos, pos + rest.end()):
        return  # ", adding that ...": a statement of its own
    if _VERBISH.search(masked[pos:hi]) or re.search(r"\b\w+ed\b", masked[pos:hi]):
        claim.end = trim_span(text, claim.start, hi)[1]


def _end_at_label(text: str, claim: Claim, quotes: list[Quote], q_starts: list[int]) -> None:
    """'described the plan as "reckless", adding ...': the label ends the content."""
    m = _LABEL_OPENING.search(text[claim.start : claim.end])
    if m is None:
        return
    k = bisect_right(q_starts, claim.start + m.end())
    if 0 < k <= len(quotes):
        q = quotes[k - 1]
        if q.start == claim.start + m.end() and q.end < claim.end:
            claim.end = q.end + 1


# 'said her team had "earned it" after a late try sealed the game': once the
# quoted words close, a clause of time with its own finite verb is the writer's narration.
_NARRATED_AFTER_QUOTE = re.compile(
    r"(?<=[”\"])\s+(?:after|as|when|before|while)\s+(?=[^.;:]*?\b(?:was|were|had|has|is|are|did|"
    r"[a-z]{3,}ed\s+(?:a|an|the|his|her|their|its|them|him|\d)))")


def cut_coordinated_act(text: str, masked: str, claim: Claim) -> None:
    """'said the talks would resume, but gave no date': the second verb is the
    subject's act, not part of what was said."""
    m = _COORDINATED_ACT.search(masked, claim.start, claim.end)
    if m:
        claim.start, claim.end = trim_span(text, claim.start, m.start())
    if claim.kind != "direct" and (n := _NARRATED_AFTER_QUOTE.search(text, claim.start, claim.end)):
        claim.start, claim.end = trim_span(text, claim.start, n.start())


def bound_forward_contents(text: str, masked: str, claims: list[Claim]) -> None:
    """End each forward content where the next cue's own attribution begins."""
    for i, c in enumerate(claims):
        if c.backward or c.end <= c.start:
            continue
        for nxt in claims[i + 1 :]:
            if nxt.cue.start < c.start or nxt.cue.start >= c.end:
                continue
            if nxt.inherit and nxt.cue.tier == "thought" and not nxt.via_that:
                continue  # "was not opposed to it but feared the plan would ...": one statement
            if nxt.inherit:
                m = CONNECTOR.search(masked, c.start, nxt.cue.start)
                cut = m.start() if m else nxt.cue.start
            elif nxt.backward and nxt.cue.tier == "according":
                cut = masked.rfind(",", c.start, nxt.cue.start)
            elif nxt.subject is not None and masked[c.start : nxt.subject.start].strip():
                cut = nxt.subject.start
                m = re.search(
                    r"(?:,\s*)?(?:\b(?:and|but|while|though|although|as)\s+)?$", masked[c.start : cut]
                )
                cut = c.start + (m.start() if m else cut - c.start)
            else:
                continue
            c.start, c.end = trim_span(text, c.start, max(c.start, cut))
            break
