"""Statements that judge another source's act become reactions.

    Councillor Ana Ruiz said the board had "made a terrible mistake".   oppose the board
    Analyst Ivo Marsh wrote that the delay was "prudent".               support the actor
    Mayor Ana Ruiz said she was "deeply disappointed".                   oppose the actor
    The league said it had "full confidence" in the referees' work.      support the referees

Only explicit evidence counts: another source named as the subject of what was said,
a possessive act ("the unit's handling"), an act noun ("the ruling") or a feeling
about it. A statement that merely discusses the topic is no reaction.
"""

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from app.pipeline.coref import Registry
from app.pipeline.lexicon import (
    ACTION_NOUNS,
    CLAIM_NOUNS,
    CONCERN_WORDS,
    FEELING_STANCES,
    HEAD_SYNONYMS,
    NEGATIVE_WORDS,
    NEGATORS,
    POSITIVE_WORDS,
    TITLE_WORDS,
)
from app.pipeline.speakers import Source, _acronym, analyse_np
from app.pipeline.types import ReactionFound, Statement

# The subject of a verdict: "That claim is", "Kowal's plan would", "the mayor has".
_VERDICT_SUBJECT = re.compile(
    r"\s*[“\"‘]?(?P<np>(?:[Tt]h(?:at|is|ese|ose)|[A-Z][\w’'.\-]*)(?:\s+[\w’'.\-]+){0,4}?|"
    r"(?:[Tt]he|[Ss]uch)(?:\s+[\w’'.\-]+){1,4}?)"
    r"(?:\s+of\s+[^,;“\"]{1,40}?)?"  # "the airline's offer of a 4 percent raise was ..."
    r"\s+(?:had|has|have|was|were|is|are|would|will|could|should|must|did|does|do|can|"
    r"cannot|may|might|remains?|seems?|risks?|threatens?|as|[a-z]+ed|"
    # irregular pasts that open a verdict: "the cut came too late", "the ban went too far"
    r"came|went|fell|left|made|took|cost)\b")
_POSSESSIVE_NP = re.compile(r"((?:[Tt]he\s+)?(?:[\w.\-]+\s+){0,4}?[\w.\-]+)[’']s?\s+(?:\w+\s+)?\w+")
# "the firm's promise that ...", "Kowal's claim that ...": a claim its owner made
_OWNED_CLAIM = re.compile(r"((?:[Tt]he\s+)?(?:[\w.\-]+\s+){0,3}?[\w.\-]+)[’']s?\s+(?:\w+\s+)?(?:"
                          + "|".join(sorted(CLAIM_NOUNS)) + r"|promise|pledge)\s+that\s")
# "the plan was “...”", "the mayor's promise on trams is “...”": a label on an act
_QUOTED_LABEL = re.compile(r"(?:[Tt]he|[\w.\-]+[’']s?)\s+(?:[\w’'.\-]+\s+){0,4}?(?:was|is|were|are|"
                           r"had\s+been|has\s+been|would\s+be)\s+(?:\w+ly\s+)?[“\"‘]")
# Findings, which an outside expert sums up in a phrase without taking a side: 'the
# results were "a start, not an answer"'.
_FINDINGS = frozenset("results findings study research paper survey report figures data".split())
_BODY_HEADS = frozenset("""
council government ministry board court regulator agency commission committee union company
authority department administration party club federation association trust
""".split())
_REPORTED = re.compile(r"\s+(?:\w+ly\s+)?(?:been\s+)?(?:said|told|warned|argued|claimed|stated|"
                       r"announced|insisted|suggested|noted|added|called|urged|asked|written|"
                       r"wrote|written|say|says|tell|tells|warn|warns|claim|claims)\b")
_BACK_REACH = 1500
# "the mayor's promise", "the minister's remarks": an office holder's act or words
_TITLED_OWNER = re.compile(r"((?:the|The)\s+(?:" + "|".join(sorted(TITLE_WORDS)) + r"))[’']s\s")
_DEMONSTRATIVE = frozenset({"that", "this", "these", "those", "such"})
_DEICTIC = _DEMONSTRATIVE | {"the"}
# Words that judge whether something said holds: "That is simply not true".
_TRUTH = frozenset("""
true untrue false nonsense wrong right correct incorrect misleading ridiculous absurd rubbish
lie lies baseless unfounded inaccurate exaggerated fabricated fiction fantasy case accurate
scaremongering fearmongering propaganda misinformation disinformation distortion spin
""".split())  # characters: a "that" answers what was said shortly before
_ABOUT_OTHER = re.compile(
    r"\s*((?:the\s+)?[\w’'.\- ]{2,50}?)\s+(?:had|has|have|was|were)\s")
_ACTION = re.compile(r"\bthe\s+(?:\w+\s+)?(judg(?:e)?ment|ruling|decision|verdict|vote)\b")
# A speaker's feeling about what happened: "she was 'deeply disappointed'".
_FEELING = re.compile(
    r"\b(?:[Ii]|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:was|were|is|are|am|felt|feels|had been)\s+"
    r"(?:\w+ly\s+)?[“\"]?(?:\w+ly\s+)?(?P<feel>" + "|".join(sorted(
        FEELING_STANCES.keys() | {"gutted", "angry", "devastated"})) + r")\b")
_OWNED_ACT = re.compile(r"\b((?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,4}[A-Z][\w.\-]*|the\s+[a-z]+)"
                        r"[’']s\s+(?:\w+\s+)?(?:handling|decision|ruling|judg(?:e)?ment|response|approach|plan|move)\b")


_TOKEN = re.compile(r"[a-z][a-z\-]*")
_NT = re.compile(r"n[’']t\b")


_FAILED = re.compile(r"\b(?:had|has|have|did|does|was|were)\s+[“\"]?(?:not|never)\b|"
                     r"\b(?:failed|refused)\s+to\b|"
                     r"\b(?:should|ought\s+to)\s+(?:not\s+)?have\s+[a-z]+ed\b")  # "should have acted"
_HEDGES = frozenset("modest limited small slight mixed cautious caution early preliminary".split())
_EVALUATIVE = POSITIVE_WORDS | NEGATIVE_WORDS | CONCERN_WORDS | {"too"}


def label_stance(content: str) -> str:
    """Stance of a verdict from its words: 'a hammer blow' opposes, 'a victory' supports,
    'not fair' opposes; with neither, a worry ('we are concerned') is concern."""
    toks = _TOKEN.findall(_NT.sub(" not", content.lower()))
    return "neutral" if _EVALUATIVE.isdisjoint(toks) else _stance_of(toks)


def _stance_of(toks: list[str]) -> str:
    if "but" in toks:
        # "welcome but far too small": what follows the "but" decides; "useful but
        # modest" hedges the praise into no clear stance
        k = toks.index("but")
        after = _count_stance(toks[k + 1 :])
        if after != "neutral":
            return after
        before = _count_stance(toks[:k])
        return "neutral" if before == "support" and _HEDGES.intersection(toks[k + 1 :]) else before
    return _count_stance(toks)


def _count_stance(toks: list[str]) -> str:
    pos = neg = worry = 0
    for i, w in enumerate(toks):
        if w not in _EVALUATIVE:
            continue
        negated = not NEGATORS.isdisjoint(toks[max(0, i - 3) : i])
        if w == "too" and i + 1 < len(toks) and toks[i + 1] not in ("much", "many", "early"):
            neg += 1  # "too optimistic", "too slow": a judgment against
        elif w in POSITIVE_WORDS:
            if negated:
                neg += 1
            else:
                pos += 1
        elif w in CONCERN_WORDS:
            worry += 1
        elif w in NEGATIVE_WORDS and not negated:
            neg += 1
    if pos and not neg:
        return "support"
    if neg:
        return "oppose"
    return "concern" if worry else "neutral"


def by_name(registry: Registry, name: str) -> Source | None:
    return next((s for s in registry.speakers() if s.name == name), None)


# "the court", "the new regulator", "the IMF", "NATO": a subject that may be another source
# (compiled once: it is tried on every statement)
_DEFINITE_OR_INITIALS = re.compile(r"[Tt]he\s+(?:[a-z-]+\s+)?(?:[a-z]+|[A-Z]{2,})|[A-Z]{2,}")


def statement_reaction(st: Statement, text: str, masked: str, registry: Registry,
                        lead: Source | None, previous: Statement | None,
                        owner_of: Callable[[str], Source | None],
                        heard: AbstractSet[str] = frozenset()) -> ReactionFound | None:
    """A statement about another source's act: 'said the tribunal had "plugged a gap"',
    'said it had "full confidence" in the league's referees'; or a verdict on what another
    source said or did: '"That is simply not true," she said', 'said the mayor was wrong',
    'said the proposal would hurt farmers'. `previous` is the last statement by another
    source; `owner_of` names whose act a noun phrase ('the new plan') is; `heard` holds
    the sources quoted so far, whom alone (and the article's main actor) a verdict named
    by its subject may answer: a judge's "Kowal had betrayed them" answers nobody."""
    speaker = by_name(registry, st.speaker)
    if speaker is None:
        return None
    candidates: list[Source | None] = []
    act = ""
    feeling = None
    m = _ABOUT_OTHER.match(text, st.start, st.end)
    if m and _REPORTED.match(text, m.end() - 1, st.end):
        return None  # "the ministry had warned that ...": a report of speech, no verdict
    if m and _DEFINITE_OR_INITIALS.fullmatch(m.group(1).strip()):
        head = m.group(1).split()[-1]
        if head.lower() in ACTION_NOUNS:
            # "the delay was 'prudent'": a verdict on the act, whose doer is the target;
            # looked up below, once the statement proves to judge at all
            act = m.group(1)
            candidates.append(lead)
        elif head.lower() not in TITLE_WORDS:
            candidates.append(registry.named_like(head, st.start))  # "the court had ..."
    if st.kind != "direct":  # a quotation counts only when it names the other source
        # The pattern backtracks over every capitalised run; it needs a possessive "'s".
        owner = _OWNED_ACT.search(text, st.start, st.end) if (
            text.find("’s", st.start, st.end) >= 0 or text.find("'s", st.start, st.end) >= 0) else None
        if owner:
            candidates.append(_owner_source(owner.group(1), registry, st.start))
        feeling = _FEELING.search(text, st.start, st.end)
        if _ACTION.search(text, st.start, st.end) or feeling:
            candidates.append(lead)  # "the ruling ...", "she was deeply disappointed"
    # The first candidate that is another organisation: "the league had full confidence
    # in the referees' work" is about the referees, not the speaking league.
    # A quick look for evaluative words ("welcome but small" judges, if mixed) before
    # the subject is read or the words are counted.
    if not candidates and st.kind != "mixed" and not _VERDICT_SUBJECT.match(text, st.start, st.end):
        return None  # nothing names another source's act or claim
    judged = not _EVALUATIVE.isdisjoint(_TOKEN.findall(st.text.lower()))
    # 'the plan was "a timetable in fancy dress"': a quoted label put on an act judges it
    labelled = st.kind == "mixed" and _QUOTED_LABEL.match(text, st.start, st.end) is not None and (
        act.split()[-1].lower() not in _FINDINGS if act else True)
    if labelled and act:
        judged = True
    if not candidates and not judged and st.kind != "mixed":
        return None
    stance = label_stance(st.text) if judged else "neutral"
    if stance == "neutral" and feeling is not None:
        # "she felt 'vindicated, though tired'": the feeling named first
        stance = FEELING_STANCES.get(feeling.group("feel").lower(), "neutral")
    if act and judged:
        candidates[0] = owner_of(act) or lead
    elif act and candidates:
        candidates[0] = None  # "the closures were costing exporters money": an account
    # A person is the target only of a clear verdict: "she was disappointed by the
    # decision"; a neutral account of what a person did judges nobody.
    target = next((c for c in candidates if c is not None and c is not speaker
                   and (c.kind == "organization" or judged and c.kind == "person")
                   and not _related(speaker, c)), None)
    if target is None and judged:
        # Only a verdict counts here: "said the mayor would attend" judges nobody.
        subject = _verdict_subject(st, text, registry, speaker, previous, owner_of)
        owned = _POSSESSIVE_NP.match(text, st.start, st.end)  # "the airline's offer": named
        if subject is not None and subject is not speaker and not _related(speaker, subject) and (
                subject.name in heard or subject is lead or owned):
            target = subject
    if target is None and st.kind == "mixed":
        # 'said the mayor had "caved in"': a quoted fragment about another source is a
        # verdict even without an evaluative word the lists know
        target = _verdict_subject(st, text, registry, speaker, previous, owner_of, named=True)
        if target is not None and (target is speaker or target.kind not in ("person", "organization")
                                   or target.kind == "organization" and not _named_first(st, text, target)
                                   or _related(speaker, target)
                                   or not (target.name in heard or target is lead)):
            target = None  # "the company was 'planning ...'" is often the speaker's own
    if target is None:
        return None
    if stance == "neutral" and st.cue.lower().startswith(("warn", "caution", "fear", "worr")):
        stance = "concern"
    elif stance == "neutral" and (labelled or _FAILED.search(st.text[:80])):
        # 'said the council had "not listened"': a charge of failure; 'the deal was "a
        # fig leaf"': a label the speaker puts in quotation marks is most often a jibe
        stance = "oppose"
    if st.kind == "direct" and stance == "neutral":
        return None  # a quotation that merely mentions another source is no reaction
    return ReactionFound(speaker.name, stance, st.cue, st.text, st.start, st.end,  # type: ignore[arg-type]
                         target.name, None)


def _named_first(st: Statement, text: str, src: Source) -> bool:
    """Whether the statement opens with the organisation's own name ('Acme had acted
    "promptly"'), not a description the speaker may use of itself ('the company was')."""
    return any(text.startswith(alias, st.start) for alias in (src.name, *src.aliases)
               if alias[:1].isupper() and not alias.lower().startswith("the "))


def _verdict_subject(st: Statement, text: str, registry: Registry, speaker: Source,
                     previous: Statement | None,
                     owner_of: Callable[[str], Source | None],
                     named: bool = False) -> Source | None:
    """Whom the subject of a verdict names: 'That is not true' the last other speaker,
    'Kowal's plan is reckless' Kowal, 'the proposal would hurt' whoever proposed it,
    'the minister is wrong' the minister; with `named`, only a subject that is a source."""
    m = _VERDICT_SUBJECT.match(text, st.start, st.end)
    if m is None and (told := _OWNED_CLAIM.match(text, st.start, st.end)) is not None:
        # "the firm's promise that no ledgers were lost was false": the owner's claim
        return existing(told.group(1), registry, st.start, speaker)
    if m is None or _REPORTED.match(text, m.end(), st.end):
        return None  # "the ministry has warned that ...": a report of speech, no verdict
    np = m.group("np")
    words = np.lower().split()
    head = words[-1]
    recent = previous is not None and st.start - previous.end < _BACK_REACH
    if words[0] in ("he", "she") and len(words) == 1 and st.kind == "direct":
        # "He is simply wrong": the man who just spoke, when what he said is judged
        if recent and _TRUTH.intersection(re.findall(
                r"[a-z]+", text[m.end() : min(st.end, m.end() + 40)].lower())):
            src = by_name(registry, previous.speaker)  # type: ignore[union-attr]
            return src if src is not None and src.kind == "person" else None
        return None
    owner_np = _TITLED_OWNER.match(np)
    if owner_np and not m.group().endswith(" as"):  # "described the mayor's plan as": a label
        # "the mayor's promise on towers was ...": the mayor's act, judged
        return existing(owner_np.group(1), registry, st.start, speaker)
    if named and not (np[:1].isupper() and words[0] not in _DEICTIC or words[0] == "the" and (
            head in TITLE_WORDS | _BODY_HEADS)):
        return None
    if words[0] in _DEMONSTRATIVE or (
            words[0] == "the" and head in CLAIM_NOUNS):
        # "That is simply not true", "the claims are baseless": what was just said
        if head in ACTION_NOUNS and head not in CLAIM_NOUNS and len(words) > 1:
            return owner_of(np)
        if len(words) == 1 and _TRUTH.isdisjoint(
                re.findall(r"[a-z]+", text[m.end() : min(st.end, m.end() + 60)].lower())):
            return None  # "This is a great day": no verdict on anything said
        if recent:
            return by_name(registry, previous.speaker)  # type: ignore[union-attr]
        return None

    owned = _POSSESSIVE_NP.fullmatch(np)
    if owned:
        owner = owned.group(1)
        src = existing(owner, registry, st.start, speaker)
        if src is None and owner[:1].isupper() and (mention := analyse_np(owner)) is not None and (
                not mention.pronoun):
            src = registry.resolve(mention, st.start, st.start)  # "Nordic Air's offer": named
        return src
    if words[0] == "the" and head in ACTION_NOUNS:
        return owner_of(np)  # "the proposal would undermine ...": the proposer
    if words[0] == "the" and head in TITLE_WORDS | _BODY_HEADS:
        return existing(np, registry, st.start, speaker)  # "the mayor is wrong"
    if np[:1].isupper():
        # A name the article gives a source: "Kowal was wrong"; not a capitalised common
        # word that opens a quotation ("Airlines may not ...")
        known = next((s for s in registry.speakers() if np == s.name or np in s.aliases), None)
        if known is not None:
            return known
        last = np.split()[-1]
        if any(last in s.name for s in registry.speakers() if s.kind == "person"):
            src = existing(np, registry, st.start, speaker)  # "Kowal" for "Jan Kowal"
            if src is not None and src.kind == "person":
                return src
    return None


def existing(phrase: str, registry: Registry, pos: int, reactor: Source) -> Source | None:
    """The source a phrase names, only if the article already knows it: 'hit back at
    Kowal' names the Kowal who spoke, 'praised Monday' names nobody."""
    words = phrase.split()
    if len(words) == 2 and words[0].lower() == "the" and words[1].lower() in _BODY_HEADS:
        # "the board": the body of that name, not a member whose title mentions it
        src = registry.named_like(words[1], pos)
        if src is None or src.kind == "person":
            return None
        return src if src is not reactor else None
    mention = analyse_np(phrase)
    if mention is None or mention.pronoun:
        return None
    known = len(registry.sources)
    src = registry.resolve(mention, pos, pos)
    if len(registry.sources) > known:  # resolving made it up: nobody quoted is meant
        del registry.sources[known:]
        return None
    return src if src is not reactor else None


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
    if " " in b.name and (initials := _acronym(b.name)) and len(initials) > 1 and re.search(
            rf"\b{re.escape(initials)}\b", hay):
        return True  # "NCA chair Ana Ruiz" and the "National Competition Authority"
    # "the cabinet" and its minister, "the court" and its judge
    head = b.name.split()[-1].lower()
    return any(re.search(rf"\b{re.escape(w)}\b", hay, re.IGNORECASE)
               for w in HEAD_SYNONYMS.get(head, ()))
