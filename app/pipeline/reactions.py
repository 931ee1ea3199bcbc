"""Reactions: one source responding to another's statement or action.

    The union welcomed the ministry's decision.           support, target: the ministry
    Kowal rejected that criticism, saying ...             oppose, target: the last critic
    The plan has been met with concern among allies.      concern, reactor: allies
    The proposal was hailed by industry.                  support, reactor: industry
"""

import re

from app.pipeline.attribution import Claim
from app.pipeline.coref import Registry
from app.pipeline.cues import reaction_stance
from app.pipeline.lexicon import DEMONYMS, REACTION_LEMMAS, RECEPTION_NOUNS
from app.pipeline.sentences import Sentence
from app.pipeline.speakers import Source, analyse_np
from app.pipeline.types import ReactionFound, Statement

_POSSESSOR = re.compile(r"^\s*((?:the\s+)?[\w’'.\- ]{2,60}?)[’']s?\s+\w")
_AGENT = re.compile(r"\bby\s+((?:the\s+)?[\w’'.\- ]{2,60}?)(?=\s+(?:to|for|on|in|at|that)\b|[,.;]|$)")
_BACK_REFERENCE = re.compile(r"^\s*(?:that|those|these|this|the|such)\s+(?:\w+\s+)?"
                             r"(?:criticism|claims?|remarks?|comments?|idea|account|suggestions?|"
                             r"accusations?|allegations?|assertions?|arguments?|charges?|"
                             r"characteri[sz]ation|statements?|view|concerns?|proposals?)\b")
_RECEPTION = re.compile(
    r"\b(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:met|greeted|received)\s+with\s+"
    r"(?:\w+\s+)?(?P<noun>" + "|".join(RECEPTION_NOUNS) + r")\b[\w\s,]*?\s+(?:among|from|by)\s+"
    r"(?P<who>[^,.;]+)")
_PASSIVE_VERBS = "|".join(sorted(
    f for lemma in REACTION_LEMMAS if lemma != "call" for f in (lemma + "d", lemma + "ed")))
_PASSIVE = re.compile(rf"\b(?P<verb>{_PASSIVE_VERBS})\s+by\s+(?P<who>[^,.;]+?)(?=\s+and\b|[,.;]|$)")


def find_reactions(text: str, masked: str,
                   claims: list[tuple[Sentence, list[tuple[Claim, Source]]]],
                   statements: list[Statement], registry: Registry) -> list[ReactionFound]:
    """Reactions in document order, each with reactor, stance and target."""
    out: list[ReactionFound] = []
    for idx, (sent, resolved) in enumerate(claims):
        for i, (claim, src) in enumerate(resolved):
            stance = reaction_stance(claim.cue)
            if stance is None or claim.cue.lemma == "call":
                continue
            start, end = _reaction_span(claim, resolved[i + 1:], src, claims[idx + 1:idx + 2],
                                        statements)
            obj = masked[claim.cue.end:claim.end if claim.end > claim.cue.end else sent.end]
            target = _target(obj, masked, sent, src, statements, registry)
            out.append(_reaction(src, stance, claim.cue.text, text, start, end, target,
                                 statements))
        out.extend(_passive_reactions(text, masked, sent, statements, registry))
    return out


def _reaction(src: Source, stance: str, cue: str, text: str, start: int, end: int,
              target: Source | None, statements: list[Statement]) -> ReactionFound:
    index = None
    if target is not None:
        for k, st in enumerate(statements):
            if st.speaker == target.name and st.start < start:
                index = k
    return ReactionFound(src.name, stance, cue, text[start:end], start, end,  # type: ignore[arg-type]
                         target.name if target else None, index)


def _reaction_span(claim: Claim, later: list[tuple[Claim, Source]], src: Source,
                   next_sentence: list[tuple[Sentence, list[tuple[Claim, Source]]]],
                   statements: list[Statement]) -> tuple[int, int]:
    """The reaction's own words: its object and the ', saying ...' that follows, or the
    reactor's next statement when the reaction itself is bare ('X dismissed the claims.')."""
    start, end = claim.cue.start, max(claim.end, claim.cue.end)
    for other, other_src in later:
        if other.inherit and other_src is src and other.end > end:
            end = other.end
            break
    else:
        if claim.end - claim.start < 40 and next_sentence:
            for st in statements:
                sent = next_sentence[0][0]
                if st.speaker == src.name and sent.start <= st.start < sent.end:
                    return st.start, st.end
    return start, end


def _target(obj: str, masked: str, sent: Sentence, reactor: Source,
            statements: list[Statement], registry: Registry) -> Source | None:
    """Whose statement or action the object names."""
    obj = re.split(r"[,;]|\s+(?:as|and|but|saying)\s+", obj, maxsplit=1)[0]
    for pattern in (_POSSESSOR, _AGENT):
        m = pattern.search(obj)
        if m:
            mention = analyse_np(m.group(1))
            if mention is not None:
                src = registry.resolve(mention, sent.start)
                if src is not None and src is not reactor:
                    return src
    for word in re.findall(r"\w+", obj.lower()):
        if word in DEMONYMS:
            country = DEMONYMS[word]
            for src in reversed(registry.speakers()):
                hay = f"{src.name} {src.role or ''} {' '.join(src.aliases)}".lower()
                if src is not reactor and (word in hay or country in hay):
                    return src
    previous = [s for s in statements if s.start < sent.start and s.speaker != reactor.name]
    if _BACK_REFERENCE.match(obj) and previous:
        return _by_name(registry, previous[-1].speaker)
    head = _head_noun(obj)
    if head:
        owner = re.findall(rf"((?:[A-Z][\w’'.\-]*\s+){{0,4}}[A-Z][\w’'.\-]*)[’']s\s+(?:\w+\s+)?{head}",
                           masked[:sent.start])
        if owner:
            mention = analyse_np(owner[-1])
            if mention is not None:
                src = registry.resolve(mention, sent.start)
                if src is not None and src is not reactor:
                    return src
        stem = head[:-1] if head.endswith("s") else head
        for st in reversed(previous):
            if re.search(rf"\b{re.escape(stem)}", st.text.lower()):
                return _by_name(registry, st.speaker)
    if previous:
        return _by_name(registry, previous[0].speaker)
    return None


def _head_noun(obj: str) -> str | None:
    words = re.findall(r"[a-z][\w-]*", obj.split(" of ")[0].lower())
    words = [w for w in words if w not in ("the", "a", "an", "its", "his", "her", "their")]
    return words[-1] if words else None


def _by_name(registry: Registry, name: str) -> Source | None:
    return next((s for s in registry.speakers() if s.name == name), None)


def _passive_reactions(text: str, masked: str, sent: Sentence, statements: list[Statement],
                       registry: Registry) -> list[ReactionFound]:
    """'X has been met with concern among Y', 'X was hailed by Y and denounced by Z'."""
    out: list[ReactionFound] = []
    segment = masked[sent.start:sent.end]
    subject = segment[:segment.find(" ")] if " " in segment else segment
    hits = [(m, RECEPTION_NOUNS[m.group("noun").lower()]) for m in _RECEPTION.finditer(segment)]
    hits += [(m, _passive_stance(m.group("verb"))) for m in _PASSIVE.finditer(segment)]
    for m, stance in hits:
        who = re.split(r",|\s+who\s+|\s+which\s+", m.group("who"))[0]
        mention = analyse_np(who)
        if mention is None:
            continue
        reactor = registry.resolve(mention, sent.start + m.start("who"))
        if reactor is None:
            continue
        target_obj = segment[:m.start()]
        target = _target(target_obj or subject, masked, sent, reactor, statements, registry)
        start, end = sent.start + m.start(), sent.start + m.end()
        for st in statements:
            if st.speaker == reactor.name and sent.start <= st.start < sent.end:
                start, end = st.start, st.end
        out.append(_reaction(reactor, stance, m.group().split(" by ")[0].split(" among ")[0]
                             .strip(), text, start, end, target, statements))
    return out


def _passive_stance(verb: str) -> str:
    for lemma, stance in REACTION_LEMMAS.items():
        if verb.startswith(lemma[:-1] if lemma.endswith("e") else lemma):
            return stance
    return "neutral"
