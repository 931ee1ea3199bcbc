"""Attribution inside one sentence: for each cue, its source and its content span.

Ana Ruiz said that the plan had failed.          forward, indirect
"The plan failed," Ruiz said.                    backward, direct
"It failed," she said, "and we knew it."         split quotation, direct
The plan failed, the ministry said on Monday.    backward, indirect
According to the ministry, the plan failed.      forward, 'according to'
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from app.pipeline.cues import Cue, find_cues
from app.pipeline.leadins import lead_in
from app.pipeline.quotes import Quote
from app.pipeline.sentences import Sentence
from app.pipeline.speakers import analyse_np
from app.pipeline.subjects import (
    Subject,
    _is_intro,
    sentence_subject,
    subject_after,
    subject_before,
)

_DATELINE = re.compile(r"[A-Z][A-Z/.'’ -]{2,}(?:,[^—–\n]{0,30})?(?:\s\(\w+\))?\s+[—–-]\s+")
_ADVERBIAL = re.compile(
    r"\s*(?:,\s*(?:however|too|also|though|again|in turn|publicly|privately)\s*,)?"
    r"(?:\s*(?:(?:late|early|earlier|later)\s+)?on\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s*on\s+[A-Z]\w+\s+\d{1,2}(?:,\s*\d{4})?|\s*in\s+(?:a|an|her|his|its|their)\s+(?:joint\s+|"
    r"written\s+|emailed\s+|televised\s+)?(?:statement|letter|post|note|interview|speech|video|"
    r"report|briefing|email|address)(?:\s+(?:on|to|with)\s+[\w ]+?)?(?=\s|,|\.|:)"
    r"|\s*(?:yesterday|today|last\s+week|this\s+week|publicly|privately|repeatedly|also|again)"
    r"|\s*(?:after|at|during)\s+(?:the|a)\s+[\w-]+(?:\s+[\w-]+)?(?=\s+that\b|[.,:]|$))*"
)
# Where a participle opens a statement: ", adding ...", "and saying ...", "before warning".
_PARTICIPLE_SLOT = re.compile(
    r"(?:^|[,;:(—–]|\b(?:and|while|before|after|by|without|besides|also|then|as))\s*(?:\w+ly\s+)?$")
# "according to a statement from the ministry": the ministry is the source.
_DOCUMENT_OF = re.compile(r"^\s*(?:a|an|the)\s+(?:\w+\s+)?(?:statement|report|letter|post|filing|"
                          r"document|survey|study|note|analysis|memo|email)\s+(?:from|by|"
                          r"published\s+by|issued\s+by)\s+")
_PUBLISHED = re.compile(r"\s(?:published|released|issued|carried\s+out|conducted|seen)\b.*$")
_CLAIM_NOUN = re.compile(r"\s*(?:the\s+|any\s+)?(?:suggestions?|claims?|allegations?|accusations?|"
                         r"reports?|charges?|criticism|idea|notion|view|assertions?)\s*")
_OPEN_ASIDE = re.compile(r",\s*(?:which|who|whom|whose)\b[^,]*$")
# Subjects that are documents from a source: "A statement from the mayor's office said".
DOCUMENT_FROM = re.compile(r"^\s*(?:[Aa]n?|[Tt]he)\s+(?:\w+\s+)?(?:statement|letter|report|note|"
                           r"post|email|memo)\s+(?:from|by|issued\s+by)\s+")
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+([^,;:]{2,60}?)\s+as\s*$")  # "quoted X as saying"
_COORDINATED_ACT = re.compile(
    r",\s*(?:but|and)\s+(?:\w+ly\s+)?(?:gave|declined|refused|did|offered|provided|left|"
    r"stopped|stressed|gave|would\s+not|could\s+not|did\s+not)\b")
_WITH_SUBJECT = re.compile(r"\bwith\s+([^,;:]{2,60}?)\s*$")
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
    r"(?:was|were|had|has|have|is|are|would|will|could|should|might|must|can)\b)",
    re.IGNORECASE)
_THAT = re.compile(r"\bthat\b")
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|had|have|will|would|could|can|should|may|"
    r"might|must|do|did|does|been|and|but|saw|took|made|went|came|gave|found|got|kept|"
    r"left|fell|rose|grew|won|lost|ran|held|met|paid|sold|spent|built|began|became|"
    r"brought|knew|showed|shows|wants|needs)\b|[_\"“”]"
)
_CONNECTOR = re.compile(
    r"(?:\s*,)?\s*(?:(?:and|but|while|before|though|although|as)\s+)?"
    r"(?:also\s+)?$"
)
_INVERTIBLE = frozenset(
    "say add write tell state explain continue insist note warn argue admit acknowledge predict "
    "suggest concede reply answer claim caution recall remark observe emphasize emphasise stress "
    "declare announce confirm".split()
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


def body_start(masked: str, sent: Sentence) -> int:
    """Sentence start after a dateline ('BRUSSELS (Wire) — ')."""
    m = _DATELINE.match(masked, sent.start)
    return m.end() if m else sent.start


def _quote_ending_before(
    quotes: list[Quote], starts: list[int], text: str, pos: int, lo: int
) -> Quote | None:
    """The quotation that closes right before `pos`, with only punctuation between."""
    k = bisect_right(starts, pos) - 1
    if k < 0:
        return None
    q = quotes[k]
    if q.start < lo or q.end > pos:
        return None
    return q if re.fullmatch(r"[\s,.!?;:”\"’—–-]*", text[q.end : pos]) else None


def _quote_starting_after(
    quotes: list[Quote], starts: list[int], text: str, pos: int, hi: int
) -> Quote | None:
    k = bisect_right(starts, pos)
    if k >= len(quotes) or quotes[k].start > hi:
        return None
    q = quotes[k]
    return q if re.fullmatch(r"\s*,?\s*[“\"‘]", text[pos : q.start]) else None


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
        clause = re.match(r"[^,.;:]*", masked[m.end() : hi])
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
    lead_in = re.match(r"\s*(?:[\w’'-]+\s+){0,3}?[\w’'-]*\s*[:—–]\s+(?=[“\"‘_A-Z])", masked[pos:hi])
    if lead_in and not _VERBISH.search(lead_in.group()[:-1].replace("“", "").replace('"', "")):
        return pos + lead_in.end(), False  # "said afterwards: ...", "said — ..."
    if cue.lemma in _AUDIENCE_CUES:
        colon = re.match(r"[^:“\"_.]{0,80}:\s*", masked[pos:hi])
        if colon:
            return pos + colon.end(), False  # "told parliament on Monday: ..."
        obj_end = _audience_end(masked, pos, hi)
        if obj_end is None:
            return hi, False  # "told reporters." names the audience, not content
        pos = obj_end
    if re.match(r"\s*,", masked[pos:hi]):
        return hi, False  # "said on Monday, adding ...": nothing follows the cue itself
    colon = re.match(r"\s*:?\s*", masked[pos:hi])
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, keeping quotation marks."""
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:.—–-":
        end -= 1
    return start, end


def _find_subject(
    masked: str, sent_lo: int, cue: Cue, prev: Cue | None, hi: int
) -> tuple[Subject | None, bool, bool]:
    """(subject, inherit, inverted) for a cue."""
    lo = prev.end if prev else sent_lo
    before = masked[lo : cue.start]
    if cue.tier == "according":
        return None, False, False
    if (
        prev is not None
        and re.search(r"\b(?:and|but)\s+(?:also\s+|then\s+)?$", before)
        and not cue.participle
    ):
        return None, True, False  # "welcomed the plan but said ...": same subject
    if (cue.participle and not _PARTICIPLE_SLOT.search(before) and not _WITH_SUBJECT.search(before)
            and not (cue.splits and re.match(r"\s+that\b", masked[cue.end : hi]))):
        return None, False, False  # "a statement threatening sanctions": a modifier
    absolute = (_WITH_SUBJECT.search(before) or _QUOTED_AS.search(before)) if cue.participle else None
    if absolute and (mention := analyse_np(absolute.group(1))) is not None:
        # "criticised the plan, with Senator Ian Cole calling it 'reckless'"
        start = lo + absolute.start(1)
        return Subject(mention, start, start + len(absolute.group(1))), False, False
    if prev is None and cue.participle and cue.splits and re.search(r",\s*$", before):
        # "Ruiz went further, saying ...": the participle belongs to the sentence's subject
        opener = sentence_subject(masked, sent_lo, cue.start)
        if opener is not None:
            return opener, False, False
    if prev is not None and (cue.participle or _CONNECTOR.fullmatch(before)):
        if cue.participle and not cue.splits:
            return None, False, False  # ", urging them to ...": part of the statement
        return None, True, False
    subj = subject_before(masked, lo, cue.start)
    if subj is None and re.search(r"[,”\"’]\s*$", before) and cue.lemma in _INVERTIBLE:
        tail = masked[cue.end : hi]
        if not re.match(r"\s*(?:that|:)", tail):
            inv = subject_after(masked, cue.end, hi)
            if inv is not None:
                return inv, False, True
    if subj is None and prev is None and re.search(r"\b(?:and|but)\s+(?:also\s+)?$", before):
        # "X declined to say ... but confirmed that ...": the sentence's own subject
        opener = sentence_subject(masked, sent_lo, cue.start)
        if opener is not None:
            return opener, False, False
    if subj is None and prev is not None and re.search(r"(?:\band|\bbut|,)\s*(?:also\s+)?$", before):
        return None, True, False  # '... said X and accused Y'
    if subj is None and cue.participle and cue.splits:
        return None, False, False
    return subj, False, False


def attribute(
    text: str,
    masked: str,
    sent: Sentence,
    quotes: list[Quote],
    q_starts: list[int],
    doc_cues: list[Cue] | None = None,
    cue_starts: list[int] | None = None,
) -> list[Claim]:
    """Claims for every cue of one sentence, with content spans set.

    `doc_cues` are the cues of the whole document (found once, for speed); without
    them the sentence is searched on its own.
    """
    lo = body_start(masked, sent)
    hi = sent.end
    if doc_cues is None:
        cues = find_cues(masked, lo, hi)
    else:
        starts = cue_starts if cue_starts is not None else [c.start for c in doc_cues]
        first, last = bisect_left(starts, lo), bisect_left(starts, hi)
        cues = [c for c in doc_cues[first:last] if c.end <= hi]
    claims: list[Claim] = []
    prev: Cue | None = None
    for cue in cues:
        if cue.tier == "according":
            claim = _according(text, masked, lo, hi, cue, quotes, q_starts)
            if claim:
                claims.append(claim)
            prev = cue
            continue
        subj, inherit, inverted = _find_subject(masked, lo, cue, prev, hi)
        if subj is not None and prev is not None and claims and claims[-1].cue is prev and (
                claims[-1].subject is not None and claims[-1].subject.relative):
            # "The minister, who had urged calm, said ...": after the aside, the subject
            # is the sentence's own, not what follows the aside's cue
            subj, inherit, inverted = _find_subject(masked, lo, cue, None, hi)
        prev = cue
        if subj is None and not inherit:
            continue
        claim = Claim(cue, subj, inherit)
        _content(text, masked, lo, hi, claim, inverted, quotes, q_starts)
        claims.append(claim)
    _bound_forward_contents(text, masked, claims)
    for c in claims:
        if not c.backward and c.end > c.start:
            _cut_coordinated_act(text, masked, c)
    # Claims without content stay: they carry the subject that "..., but said" inherits.
    if not any(c.end > c.start for c in claims) and (found := lead_in(masked, lo, hi, quotes)):
        mention, s_start, s_end, q_start, q_end = found
        mark = re.compile(r"[:—–]").search(masked, s_end, q_start)
        colon = mark.start() if mark else s_end
        cue = Cue(colon, colon + 1, ":", ":", "speech")  # dash lead-ins are colons too
        claims.append(Claim(cue, Subject(mention, s_start, s_end), False, False, q_start, q_end,
                            "direct"))
    return claims


def _according(text: str, masked: str, lo: int, hi: int, cue: Cue, quotes: list[Quote],
               q_starts: list[int]) -> Claim | None:
    """'According to X, content.', 'content, according to X.' or '"...," according to X.'"""
    digits = re.compile(r",(?!\d{3}\b)")  # not the comma of "200,000"
    found = digits.search(masked, cue.end, hi)
    comma = found.start() if found else -1
    before = masked[lo : cue.start].strip()
    if before.endswith((",", "”", '"', "’")) or before and comma < 0:
        end = hi if comma < 0 else comma
        holder = re.split(r"\s(?:who|which|that)\s", masked[cue.end : end] + " ")[0]
        mention = analyse_np(_PUBLISHED.sub("", _DOCUMENT_OF.sub("", holder)))
        if mention is None:
            return None
        subj = Subject(mention, cue.end, end)
        q = _quote_ending_before(quotes, q_starts, text, cue.start, lo)
        if q is not None:
            return Claim(cue, subj, False, True, q.start, q.end, "direct")
        s, e = _trim(text, lo, cue.start)
        return Claim(cue, subj, False, True, s, e)
    if comma < 0:
        return None
    mention = analyse_np(_DOCUMENT_OF.sub("", masked[cue.end : comma]))
    if mention is None:
        return None
    s, e = _trim(text, comma + 1, hi)
    return Claim(cue, Subject(mention, cue.end, comma), False, False, s, e)


def _content(
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
    q = _quote_ending_before(quotes, q_starts, text, anchor, lo)
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
            claim.start, claim.end = _trim(text, lo, comma)
            rest = re.match(r"\s*,\s*(?=[a-z])", masked[subj.end : hi])
            if rest and _VERBISH.search(masked[subj.end : hi]):
                claim.end = _trim(text, claim.start, hi)[1]
            return
    start, via_that = _forward_start(masked, cue, hi)
    claim.via_that = via_that
    rest = masked[start:hi].strip(" .,;")
    if (
        rest
        and not re.match(r"(?:in|on|at|during|after|before|from)\b", rest)
        and not (cue.lemma in _AUDIENCE_CUES and not via_that and start == hi)
    ):
        end = hi
        if _OPEN_ASIDE.search(masked, lo, cue.start):
            # "The minister, who said that the mine would close, resigned": the aside's
            # closing comma ends what was said.
            comma = masked.find(",", start, hi)
            end = comma if comma > start else hi
        claim.start, claim.end = _trim(text, start, end)
        if cue.tier == "reaction" or cue.lemma in ("call", "describe"):
            _end_at_label(text, claim, quotes, q_starts)
        return
    if subj is not None and not inverted and not claim.inherit:
        comma = masked.rfind(",", lo, subj.start)
        clause = masked[lo:comma] if comma > lo else ""
        if comma > lo and not masked[comma : subj.start].strip(" ,\n") and not (
                _is_intro(clause) and "," not in clause):  # not "In his response, X agreed"
            claim.backward = True
            claim.start, claim.end = _trim(text, lo, comma)
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
        claim.end = _trim(text, claim.start, hi)[1]


def _end_at_label(text: str, claim: Claim, quotes: list[Quote], q_starts: list[int]) -> None:
    """'described the plan as "reckless", adding ...': the label ends the content."""
    m = re.search(r"(?:^|\bas\s+)[“\"‘]", text[claim.start : claim.end])
    if m is None:
        return
    k = bisect_right(q_starts, claim.start + m.end())
    if 0 < k <= len(quotes):
        q = quotes[k - 1]
        if q.start == claim.start + m.end() and q.end < claim.end:
            claim.end = q.end + 1


def _cut_coordinated_act(text: str, masked: str, claim: Claim) -> None:
    """'said the talks would resume, but gave no date': the second verb is the
    subject's act, not part of what was said."""
    m = _COORDINATED_ACT.search(masked, claim.start, claim.end)
    if m:
        claim.start, claim.end = _trim(text, claim.start, m.start())


def _bound_forward_contents(text: str, masked: str, claims: list[Claim]) -> None:
    """End each forward content where the next cue's own attribution begins."""
    for i, c in enumerate(claims):
        if c.backward or c.end <= c.start:
            continue
        for nxt in claims[i + 1 :]:
            if nxt.cue.start < c.start or nxt.cue.start >= c.end:
                continue
            if nxt.inherit:
                m = _CONNECTOR.search(masked, c.start, nxt.cue.start)
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
            c.start, c.end = _trim(text, c.start, max(c.start, cut))
            break
