"""Whose statement or act a reaction answers: the target behind its object.

    rejected the union's demand            the union (a body, not its chairman)
    hit back at Kowal                      the Kowal the article quotes
    dismissed the claims                   the last other source heard
    welcomed the decision                  who decided: named by "X's decision" earlier,
                                           first to speak of it, or the article's actor
    called the penalty, awarded by referee
    Ana Ruiz, "baffling"                   Ana Ruiz, the act's named agent
"""

import re

from app.pipeline.coref import Registry
from app.pipeline.lexicon import (
    ACT_SYNONYMS,
    ACTION_NOUNS,
    CLAIM_NOUNS,
    DEMONYMS,
    ORG_NOUNS,
    SOURCE_NOUNS,
    TITLE_WORDS,
)
from app.pipeline.sentences import Sentence
from app.pipeline.speakers import Source, analyse_np, name_kind
from app.pipeline.types import Statement
from app.pipeline.verdicts import by_name, existing, label_stance

_OWNER_PRONOUN = re.compile(r"\s*(his|her|their)\s", re.I)
_BARE_PERSON = re.compile(r"\s*(him|her)\s*[.!]?\s*", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w-]+")
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
_OWNER_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_POSSESSOR = re.compile(
    r"\s*((?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,5}[A-Z][\w.\-]*|the\s+[a-z]+"
    r"(?:\s+[a-z]+)?)[’']s?\s"
)
_AGENT = re.compile(r"\bby\s+((?:the\s+)?[\w’'.\- ]{2,60}?)(?=\s+(?:to|for|on|in|at|that)\b|[,.;]|$)")
_BACK_REFERENCE = re.compile(
    r"\s*(?:(?:that|this|it|them|those)\s*$|"  # "Novak rejected that."
    r"(?:(?:that|those|these|this|the|such)\s+(?:\w+\s+)?)?"
    r"(?:" + "|".join(sorted(CLAIM_NOUNS)) + r")\b)",
    re.IGNORECASE,
)
# "hit back at Kowal", "criticised Acme over ...": a bare name as the object.
_NAMED_OBJECT = re.compile(
    r"\s*((?:[A-Z][\w.\-’']*\s+){0,3}[A-Z][\w.\-’']*)(?=\s+(?:over|for|on|about|after|and|as|in)\b|"
    r"\s*$|\s*[,.;])")
# "the union", "the board": a body, named by its own name rather than a member's title.
_BODY = re.compile(r"[Tt]he\s+(" + "|".join(sorted(ORG_NOUNS | {"board", "federation", "cabinet"})) + ")")
_SPOKES = re.compile(r"spokes(?:man|woman|person)", re.IGNORECASE)
_GENERIC_BODIES = frozenset({"company", "firm", "group", "government", "administration",
                             "authorities", "police"})
_LEADING_PREPOSITION = re.compile(r"^\s*(?:over|about|at|with|on|regarding|towards?|against)\s+")
# A definite object that refers back to something in the article: "welcomed the news".
_DEFINITE_OBJECT = re.compile(r"\s*(?:the|this|that|these|those)\s+(?:[\w\-]+\s+){0,2}[\w\-]+"
                              r"(?:\s+(?:of|about|over|on|for)\s+[^,;]{1,40})?\s*$")
# Heads that say which aspect of an act is meant; the act is in the of-phrase.
_VAGUE_HEADS = frozenset({"timing", "handling", "scale", "size", "pace", "details", "terms",
                          "wording", "content", "substance", "tone", "manner", "speed", "cost",
                          "work", "efforts", "performance", "conduct", "role", "response"})
_IRREGULAR_ACTS = {"decision": "decid", "judgment": "judg", "judgement": "judg",
                   "verdict": "(?:found|convict|acquit)", "ban": "bann", "cut": "cut"}
_ACT_AGENT = re.compile(r"\b[a-z]{3,}ed\s+by\s+((?:[a-z]+\s+)?(?:[A-Z][\w’'\-]+\s+){1,3}[A-Z][\w’'\-]+)")
# "the board's medical director": the body a role belongs to
_ROLE_OWNER = re.compile(r"\b(?:the\s+)?(\w+)[’']s\s")
# "accused the union of ...", "criticised the bank for ...", "said the minister had ...":
# an object that is a body or an office holder is the target itself.
_BODY_OBJECT = re.compile(r"\s*(?:the|its|their)\s+([a-z]+)\s*")
_TARGET_BODIES = ORG_NOUNS | frozenset(
    "board club league federation network trust airline carrier lender insurer operator "
    "charity foundation society institute university hospital school".split())
_LOOKBACK = 6000  # characters searched back for an act's owner


def _voice_of(previous: list[Statement], registry: Registry) -> Source | None:
    """Who made the claim just heard: its speaker, or the body a spokesperson speaks for
    when that body said it first ('The Kremlin said ... "...," Kremlin spokesman X told
    reporters. Y rejected the accusation': the Kremlin's)."""
    src = by_name(registry, previous[-1].speaker)
    if src is None or src.kind != "person" or not _SPOKES.search(src.role or ""):
        return src
    role = set(re.findall(r"[\w’'-]+", (src.role or "").lower()))
    for st in previous[:-1]:
        body = by_name(registry, st.speaker)
        if body is not None and body.kind == "organization" and set(
                re.findall(r"[\w’'-]+", body.name.lower())) <= role:
            return body
    return src


# Compiled once: target_of runs for every reaction, and a pattern given as a string is
# looked up in the re module's cache at each call.
_OBJECT_END = re.compile(r"[,;]|\s+(?:as|and|but|saying)\s+")
_OF_NP = re.compile(r"\bof\s+((?:the|its|their)\s+[a-z]+)\s*$")
_WORDS = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_QUALIFIER = re.compile(r"\s(?:of|over|for|about)\s")
_THAT_FIRST = re.compile(r"\s*that\b")


def target_of(
    obj: str,
    masked: str,
    sent: Sentence,
    reactor: Source,
    statements: list[Statement],
    registry: Registry,
    lead: Source | None,
    last_target: Source | None = None,
    loose: bool = False,
) -> Source | None:
    """Whose statement or action the object names; `loose` lets a plain definite object
    ('welcomed the news') point at the last source reacted to or heard."""
    obj = _OBJECT_END.split(obj, maxsplit=1)[0]
    # "concern over the forecast", "hit back at the claims": the object of the phrase
    obj = _LEADING_PREPOSITION.sub(" ", obj)
    of_np = _OF_NP.search(obj)
    if of_np and head_noun(obj.split(" of ")[0]) in _VAGUE_HEADS and (
            of_np.group(1).split()[-1] in SOURCE_NOUNS | ORG_NOUNS) and not _POSSESSOR.match(obj):
        # (not "the council's handling of the stoppage": the council handled it)
        # "praised the work of the police": the police are the target
        if (src := resolve_phrase(of_np.group(1), registry, sent, reactor)) is not None:
            return src
    if (bare := _BARE_PERSON.fullmatch(obj)) is not None and (
            mention := analyse_np(_OBJECT_PRONOUNS[bare.group(1).lower()])) is not None:
        # "backed her", "criticised him": the person the pronoun means, first one named in
        # the sentence itself ("Four of Volk's coaches backed her")
        src = _named_in(masked[sent.start : sent.end], registry, reactor, mention.pronoun
                        ) or registry.resolve(mention, sent.start, sent.start)
        return src if src is not None and src is not reactor else None
    owner = _OWNER_PRONOUN.match(obj)
    if owner and (mention := analyse_np(_OWNER_PRONOUNS[owner.group(1).lower()])) is not None:
        # "His remarks drew criticism": whom 'he' is, the last man who spoke
        src = registry.resolve(mention, sent.start, sent.start)
        if src is not None and src is not reactor:
            return src
    for pattern in (_AGENT, _POSSESSOR):
        m = pattern.search(obj) if pattern is _AGENT else pattern.match(obj)
        if m and pattern is _AGENT and not _plausible_agent(m.group(1)):
            continue  # "backed the deal by a clear majority": a margin, not a source
        src = resolve_phrase(m.group(1), registry, sent, reactor) if m else None
        if src is not None:
            return src
    named = _NAMED_OBJECT.match(obj)
    if named and (src := existing(named.group(1), registry, sent.start, reactor)) is not None:
        return src  # "hit back at Kowal": a source the article already quotes
    for word in _WORDS.findall(obj.lower()):
        if word in DEMONYMS:
            for src in reversed(registry.speakers()):
                hay = f"{src.name} {src.role or ''} {' '.join(src.aliases)}".lower()
                if src is not reactor and (word in hay or DEMONYMS[word] in hay):
                    return src
    head = head_noun(obj)
    if head:
        # "The Commission's proposal" earlier names the owner of "the proposal"; only the
        # text shortly before is searched, so long articles stay linear.
        window = masked[max(0, sent.start - _LOOKBACK) : sent.start]
        # The pattern backtracks over every capitalised run; it can only match where the
        # head word itself appears after a possessive, so skip windows without one.
        owner = head in window and re.search(
            rf"[’']s\s+(?:\w+\s+)?{re.escape(head)}", window) is not None and re.findall(
            rf"((?:[A-Z][\w’'.\-]*\s+){{0,4}}[A-Z][\w’'.\-]*)[’']s\s+(?:\w+\s+)?{re.escape(head)}",
            window)
        if owner and (src := resolve_phrase(owner[-1], registry, sent, reactor)):
            return src
        # "the summit of the Harbour League" earlier: the League's summit
        of_owner = head in window and re.findall(
            rf"\b{re.escape(head)}\s+of\s+(?:the\s+)?((?:[A-Z][\w’'.\-]*\s+){{0,4}}[A-Z][\w’'.\-]*)",
            window)
        if of_owner and name_kind(of_owner[-1]) == "organization" and (
                src := resolve_phrase(of_owner[-1], registry, sent, reactor)) is not None:
            return src
    head_np = _QUALIFIER.split(obj)[0]
    if (body := _BODY_OBJECT.fullmatch(head_np)) and (
            body.group(1).lower() in _TARGET_BODIES or body.group(1).lower() in TITLE_WORDS):
        if (src := resolve_phrase(head_np.strip(), registry, sent, reactor)) is not None:
            return src  # "accused the union of ...": the object is the target itself
    previous = [s for s in statements if s.start < sent.start and s.speaker != reactor.name]
    if not _WORD_CHAR.search(obj) or (_THAT_FIRST.match(obj) and not _BACK_REFERENCE.match(obj)):
        # "refused to concede.", "expressed relief.": at what the last reaction answered,
        # else at the last other speaker
        if last_target is not None and last_target is not reactor:
            return last_target
        if previous:
            return _voice_of(previous, registry)
        if not _WORD_CHAR.search(obj) and lead is not None and lead is not reactor:
            return lead  # nobody heard yet: the article's actor
    if _BACK_REFERENCE.match(obj) and previous:
        return _voice_of(previous, registry)
    if head:
        stem = head[:-1] if head.endswith("s") else head
        words = (stem, *ACT_SYNONYMS.get(head, ()))
        names = "|".join(re.escape(w) for w in words)
        mention = re.compile(rf"\b(?:{names})\w*(\s+by\s)?")
        opening = re.compile(rf"\W*(?:the|this|that|these|those)\s+(?:[\w\-]+\s+)?(?:{names})")
        for st in previous:
            # the first to speak of a thing is who brought it: later mentions are replies,
            # and so is a statement that opens by judging it ("the decision was wrong") or
            # one that names another's doing ("a strike by dockworkers halted the port")
            said = st.text.lower()
            if not any(w in said for w in words):
                continue  # a plain substring test before the regexes
            if (found := mention.search(said)) and not found.group(1) and not (
                    head in ACTION_NOUNS and opening.match(said)
                    and label_stance(st.text) != "neutral"):
                src = by_name(registry, st.speaker)
                if head in ACTION_NOUNS and src is not None and (body := _body_of(src, registry, sent)):
                    return body  # a body acts; "the board's director" only speaks of it
                return src
        if head in ACTION_NOUNS and (verb := _act_verb(head)):
            # "welcomed the sentence" after "Sentencing him, Judge Ruiz said ...": who did
            # the act is who spoke in the sentence that names the doing of it
            for st in reversed(previous):
                lo = masked.rfind(".", max(0, st.start - 300), st.start) + 1
                if re.search(rf"\b{verb}", masked[lo : st.start].lower()):
                    return by_name(registry, st.speaker)
    if head in ACTION_NOUNS:
        # "..., awarded by referee Ana Ruiz. X called the decision baffling": the named
        # agent of an act in the sentence before
        before = masked[max(0, masked.rfind(".", 0, max(0, sent.start - 2)) + 1) : sent.start]
        agent = _ACT_AGENT.search(before)
        if agent and (src := resolve_phrase(agent.group(1), registry, sent, reactor)) is not None:
            return src
    if head in ACTION_NOUNS and lead is not None and lead is not reactor:
        return lead
    if loose and _DEFINITE_OBJECT.match(obj):
        # "welcomed the news", "dismissed the talk of ...": something just told of, so the
        # last other speaker, else what the last reaction answered, else the actor
        if previous:
            return _voice_of(previous, registry)
        if last_target is not None and last_target is not reactor:
            return last_target
        if lead is not None and lead is not reactor:
            return lead
    return None


def _named_in(sentence: str, registry: Registry, reactor: Source,
              pronoun: str | None) -> Source | None:
    """A person the article quotes, named by surname in this sentence, whom `pronoun`
    may mean."""
    for word in _CAPITALISED.findall(sentence):
        full = registry._by_surname.get(word.lower())
        src = registry._find(full, "person") if full else None
        if src is not None and src is not reactor and src.gender in (None, pronoun):
            return src
    return None


def _body_of(src: Source, registry: Registry, sent: Sentence) -> Source | None:
    """The organisation a person's role says they serve, when it is a source of the
    article: 'the board's medical director' -> the board."""
    roles = " ".join(filter(None, [src.role, *src.roles]))
    if src.kind != "person" or not roles:
        return None
    owner = _ROLE_OWNER.search(roles)
    if owner is None:
        return None
    body = registry.named_like(owner.group(1), sent.start)
    return body if body is not None and body.kind == "organization" else None


def _act_verb(noun: str) -> str | None:
    """The verb stem of an act noun: 'sentence' -> 'sentenc', 'decision' -> 'decid'."""
    if noun in _IRREGULAR_ACTS:
        return _IRREGULAR_ACTS[noun]
    for suffix in ("ment", "al", "ure", "ing", "e"):
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 4:
            return noun[: -len(suffix)]
    return None


def _plausible_agent(phrase: str) -> bool:
    mention = analyse_np(phrase)
    if mention is None:
        return False
    head = mention.name.split()[-1].lower()
    proper = any(w[:1].isupper() for w in phrase.split()[1:] + phrase.split()[:1]
                 if w.lower() not in ("a", "an", "the"))
    return mention.kind in ("person", "organization") and not mention.definite or proper or (
        head in SOURCE_NOUNS or head in TITLE_WORDS)


def resolve_phrase(phrase: str, registry: Registry, sent: Sentence, reactor: Source) -> Source | None:
    body = _BODY.fullmatch(phrase.strip())
    if body and (src := registry.named_like(body.group(1), sent.start)) is not None:
        if src is not reactor and src.kind != "person":
            return src  # "the union's demand": the union, not its chairman
    mention = analyse_np(phrase)
    if mention is None or mention.pronoun:
        return None
    src = registry.resolve(mention, sent.start, sent.start)
    if body and src is not None and src.kind == "person" and src is not reactor and any(
            a.lower() == phrase.strip().lower() for a in src.aliases):
        return src  # "the government" the article already called the minister it quoted
    if body and src is not None and (src.kind == "person" or body.group(1).lower() not in (
            _GENERIC_BODIES | set(re.findall(r"[a-z]+", f"{src.name} {src.role or ''}".lower())))):
        return None  # "the board" is something called a board, not a member or a man
    return src if src is not reactor else None


def known_party(obj: str, registry: Registry, reactor: Source, pos: int = 0) -> Source | None:
    """The source named by the object of 'accused X of ...', if the article quotes X; a
    description ('accused the company of ...') is read where it stands, at `pos`, so that
    no source heard only later can be meant."""
    party = re.split(r"\s(?:of|over|for)\s", obj)[0].strip()
    mention = analyse_np(party)
    if mention is None or mention.pronoun:
        return None
    if mention.definite:
        known = len(registry.sources)
        src = registry.resolve(mention, pos, pos)
        if len(registry.sources) > known:  # resolving made it up: nobody quoted is meant
            registry.sources.pop()
            src = None
    else:
        src = next((s for s in registry.speakers() if s.name == mention.name
                    or mention.surface in s.aliases), None)
        if src is None:
            src = existing(party, registry, 0, reactor)  # "accused Kowal of ...": the surname
    return src if src is not reactor else None


def head_noun(obj: str) -> str | None:
    """'the timing of the announcement' -> 'announcement'; 'the new plan' -> 'plan'."""
    parts = re.split(r"\s(?:of|to|for|by)\s", obj)
    for part in parts[:2]:
        words = re.findall(r"[a-z][\w-]*", part.lower())
        words = [w for w in words if w not in ("the", "a", "an", "its", "his", "her", "their")]
        if words and (words[-1] not in _VAGUE_HEADS or len(parts) == 1):
            return words[-1]
    return None
