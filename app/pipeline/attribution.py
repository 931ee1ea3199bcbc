"""Attribution inside one sentence: for each cue, its source and its content span.

Ana Ruiz said that the plan had failed.          forward, indirect
"The plan failed," Ruiz said.                    backward, direct
"It failed," she said, "and we knew it."         split quotation, direct
The plan failed, the ministry said on Monday.    backward, indirect
According to the ministry, the plan failed.      forward, 'according to'
"""

import re
from bisect import bisect_left

from app.pipeline.content import (
    CONNECTOR,
    Claim,
    bound_forward_contents,
    cut_coordinated_act,
    fill_content,
    quote_ending_before,
    trim_span,
)
from app.pipeline.cues import Cue, find_cues
from app.pipeline.leadins import lead_in
from app.pipeline.lexicon import PRONOUNS
from app.pipeline.quotes import Quote
from app.pipeline.sentences import Sentence
from app.pipeline.speakers import Mention, analyse_np
from app.pipeline.subjects import (
    Subject,
    sentence_subject,
    subject_after,
    subject_before,
)

_DATELINE = re.compile(r"[A-Z][A-Z/.'’ -]{2,}(?:,[^—–\n]{0,30})?(?:\s\(\w+\))?\s+[—–-]\s+")
# Where a participle opens a statement: ", adding ...", "and saying ...", "before warning".
_PARTICIPLE_SLOT = re.compile(
    r"(?:^|[,;:(—–]|\b(?:and|while|before|after|by|without|besides|also|then|as))\s*(?:\w+ly\s+)?$")
# "began by saying", "responded by insisting": a verb of the subject's, then its manner.
_BY_DOING = re.compile(r"\b(?:[a-z]+ed|began|begins|opens|ends|responds)\s+by\s+$")
# "according to a statement from the ministry": the ministry is the source.
_DOCUMENT_OF = re.compile(r"^\s*(?:a|an|the)\s+(?:\w+\s+)?(?:statement|report|letter|post|filing|"
                          r"document|survey|study|note|analysis|memo|email)\s+(?:from|by|"
                          r"published\s+by|issued\s+by)\s+")
_ASIDE_REACH = 30  # characters from "That suggested" to the cue of ", she said,"
_DEMONSTRATIVES = frozenset({"That", "This", "It", "Which"})
# ", she said," or ", Ruiz added,": a cue set off in the middle of the sentence
_ASIDE_CUE = re.compile(r",\s+(?:he|she|they|[A-Z][\w’'-]+)\s+[a-z]+,")
# ", she said, but two workers ...": the aside ends, and a joined clause follows it
_AFTER_ASIDE = re.compile(r"(?:\s+(?:on|last|this|in)\s+\w+)?\s*,\s*(?:but|and|although|though|"
                          r"while|yet|so|because|since)\s+(?!also\b|then\b)\w")
# "according to data released by the agency": the agency is the source.
_DATA_BY = re.compile(r"^\s*(?:(?:the|new|latest|official|its|their)\s+)*(?:figures|data|statistics|"
                      r"numbers|estimates|records|documents|results)\s+(?:\w+\s+)?(?:published|"
                      r"released|issued|compiled|collected|gathered|produced)\s+by\s+")
_PUBLISHED = re.compile(r"\s(?:published|released|issued|carried\s+out|conducted|seen)\b.*$")
# Subjects that are documents from a source: "A statement from the mayor's office said".
DOCUMENT_FROM = re.compile(r"^\s*(?:[Aa]n?|[Tt]he)\s+(?:\w+\s+)?(?:statement|letter|report|note|"
                           r"post|email|memo)\s+(?:from|by|issued\s+by)\s+")
# "..., according to its website": the document of the source the pronoun stands for
_OWN_DOCUMENT = re.compile(r"\s*(its|their|his|her)\s+(?:own\s+|official\s+|latest\s+)?"
                           r"(?:website|statement|filing|report|annual\s+report|accounts|figures|"
                           r"data|records|account|page|profile)[\s.]*$", re.I)
_OWNER = {"its": "it", "their": "they", "his": "he", "her": "she"}
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+([^,;:]{2,60}?)\s+as\s*$")  # "quoted X as saying"
_WITH_SUBJECT = re.compile(r"\bwith\s+([^,;:]{2,60}?)\s*$")
_INVERTIBLE = frozenset(
    "say add write tell state explain continue insist note warn argue admit acknowledge predict "
    "suggest concede reply answer claim caution recall remark observe emphasize emphasise stress "
    "declare announce confirm".split()
)


def body_start(masked: str, sent: Sentence) -> int:
    """Sentence start after a dateline ('BRUSSELS (Wire) — ')."""
    m = _DATELINE.match(masked, sent.start)
    return m.end() if m else sent.start


# Compiled once: _find_subject runs for every cue, and a pattern given as a string is
# looked up in the re module's cache at each call.
_AND_BUT_END = re.compile(r"\b(?:and|but)\s+(?:also\s+|then\s+)?$")
_AND_BUT_ALSO_END = re.compile(r"\b(?:and|but)\s+(?:also\s+)?$")
_LINK_END = re.compile(r"(?:\band|\bbut|,)\s*(?:also\s+)?$")
_COMMA_END = re.compile(r",\s*$")
_CLOSE_END = re.compile(r"[,”\"’]\s*$")
_THAT_NEXT = re.compile(r"\s+that\b")
_THAT_OR_COLON = re.compile(r"\s*(?:that|:)")


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
        and _AND_BUT_END.search(before)
        and not cue.participle
    ):
        return None, True, False  # "welcomed the plan but said ...": same subject
    if (cue.participle and not _PARTICIPLE_SLOT.search(before) and not _WITH_SUBJECT.search(before)
            and not (cue.splits and _THAT_NEXT.match(masked[cue.end : hi]))):
        return None, False, False  # "a statement threatening sanctions": a modifier
    absolute = (_WITH_SUBJECT.search(before) or _QUOTED_AS.search(before)) if cue.participle else None
    if absolute and (mention := analyse_np(absolute.group(1))) is not None:
        # "criticised the plan, with Senator Ian Cole calling it 'reckless'"
        start = lo + absolute.start(1)
        return Subject(mention, start, start + len(absolute.group(1))), False, False
    if prev is None and cue.participle and cue.splits and _COMMA_END.search(before):
        # "Ruiz went further, saying ...": the participle belongs to the sentence's subject
        opener = sentence_subject(masked, sent_lo, cue.start)
        if opener is not None:
            return opener, False, False
    if prev is None and cue.participle and _BY_DOING.search(before):
        # "Ruiz opened by claiming that ...": the participle is the subject's own act
        opener = sentence_subject(masked, sent_lo, cue.start)
        if opener is not None:
            return opener, False, False
    if prev is not None and (cue.participle or CONNECTOR.fullmatch(before)):
        if cue.participle and not cue.splits:
            return None, False, False  # ", urging them to ...": part of the statement
        return None, True, False
    subj = subject_before(masked, lo, cue.start)
    if subj is None and _CLOSE_END.search(before) and cue.lemma in _INVERTIBLE:
        tail = masked[cue.end : hi]
        if not _THAT_OR_COLON.match(tail):
            inv = subject_after(masked, cue.end, hi)
            if inv is not None:
                return inv, False, True
    if subj is None and prev is None and _AND_BUT_ALSO_END.search(before):
        # "X declined to say ... but confirmed that ...": the sentence's own subject
        opener = sentence_subject(masked, sent_lo, cue.start)
        if opener is not None:
            return opener, False, False
    if subj is None and prev is not None and _LINK_END.search(before):
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
    whole = 0  # where a verb ends whose sentence is the content of the aside cue just after
    for cue in cues:
        if cue.tier == "according":
            claim = _according(text, masked, lo, hi, cue, quotes, q_starts)
            if claim:
                claims.append(claim)
            prev = cue
            continue
        if prev is None and masked[lo : cue.start].strip() in _DEMONSTRATIVES and _ASIDE_CUE.match(
                masked, cue.end, hi):
            whole = cue.end  # "That suggested, she said, that ...": the verb is part of her words
            continue
        subj, inherit, inverted = _find_subject(masked, lo, cue, prev, hi)
        if subj is not None and prev is not None and claims and claims[-1].cue is prev and (
                claims[-1].subject is not None and claims[-1].subject.relative):
            # "The minister, who had urged calm, said ...": after the aside, the subject
            # is the sentence's own, not what follows the aside's cue
            subj, inherit, inverted = _find_subject(masked, lo, cue, None, hi)
        if subj is None and not inherit and cue.text.endswith("s") and not cue.participle:
            continue  # "the late-night highlights programme": a noun, which governs nothing
        prev = cue
        if subj is None and not inherit:
            continue
        claim = Claim(cue, subj, inherit)
        fill_content(text, masked, lo, hi, claim, inverted, quotes, q_starts)
        if whole and cue.start - whole < _ASIDE_REACH and claim.end <= claim.start:
            claim.backward = True
            claim.start, claim.end = trim_span(text, lo, hi)
        claims.append(claim)
    bound_forward_contents(text, masked, claims)
    for c in claims:
        if not c.backward and c.end > c.start:
            cut_coordinated_act(text, masked, c)
    _share_according(text, claims)
    if claims and claims[-1].backward:
        _run_past_aside(text, masked, claims[-1], hi)
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
        own = _OWN_DOCUMENT.match(holder)
        owner = _OWNER[own.group(1).lower()] if own else ""
        mention = (Mention(owner, PRONOUNS[owner], owner, pronoun=owner) if own  # "its website"
                   else analyse_np(_PUBLISHED.sub("", _DATA_BY.sub("", _DOCUMENT_OF.sub("", holder)))))
        if mention is None:
            return None
        subj = Subject(mention, cue.end, end)
        q = quote_ending_before(quotes, q_starts, text, cue.start, lo)
        if q is not None:
            return Claim(cue, subj, False, True, q.start, q.end, "direct")
        s, e = trim_span(text, lo, cue.start)
        return Claim(cue, subj, False, True, s, e)
    if comma < 0:
        return None
    mention = analyse_np(_DATA_BY.sub("", _DOCUMENT_OF.sub("", masked[cue.end : comma])))
    if mention is None:
        return None
    s, e = trim_span(text, comma + 1, hi)
    return Claim(cue, Subject(mention, cue.end, comma), False, False, s, e)




def _run_past_aside(text: str, masked: str, claim: Claim, hi: int) -> None:
    """'Nobody was hurt, she said, but two workers were treated for smoke.': a cue set off
    in the middle of the sentence governs the clause joined after it too, so the content
    runs on to the sentence's end (one statement, as for 'said that X and that Y')."""
    if claim.kind != "indirect" or claim.subject is None or claim.end <= claim.start:
        return
    rest = max(claim.cue.end, claim.subject.end)
    if claim.end > rest or not _AFTER_ASIDE.match(masked, rest, hi):
        return
    if any(mark in masked[rest:hi] for mark in "_“\"‘"):
        return  # a quotation after the aside is its own statement
    claim.end = trim_span(text, claim.start, hi)[1]


def _share_according(text: str, claims: list[Claim]) -> None:
    """'Ruiz told the council that thefts rose, according to police data': the data are
    a source of the same content, which ends before 'according to'."""
    for c in claims:
        if c.cue.tier != "according" or not c.backward:
            continue
        for p in claims:
            if p is c or p.backward or not p.start < c.cue.start:
                continue
            if c.cue.start < p.end or not text[p.end : c.cue.start].strip(" ,\n"):
                p.start, p.end = trim_span(text, p.start, c.cue.start)
                c.start, c.end = p.start, p.end
