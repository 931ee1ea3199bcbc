"""Responses: statements and stances aimed at another source, without a reaction verb.

reactions.py finds reactions carried by a verb ("welcomed the decision"). This stage
adds the ones carried by what a source says, or by a noun:

Councillor Ada Brin said the mayor's budget was "a rebranding of last year's cuts".
                                          oppose, target: the mayor (possessive act)
The ferry operator said it would "study the ruling carefully".
                                          neutral, target: whoever ruled
The governor's remarks drew sharp criticism from farm unions.
                                          oppose, reactor: farm unions
Village councils reacted with alarm.      concern, target: the last actor

Only explicit evidence counts: a named or described other source, or a definite act
noun ("the decision") that resolves to one. A statement that merely discusses the
topic is not a reaction.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from app.pipeline.lexicon import (
    MONTHS,
    ORG_NOUNS,
    ORG_WORDS,
    REACTION_LEMMAS,
    SOURCE_NOUNS,
    WEEKDAYS,
)
from app.pipeline.quotes import find_quotes
from app.pipeline.response_words import (
    ACT_NOUNS,
    ACT_VERBS,
    CONCERN_WORDS,
    FRAME_ONLY,
    NEGATION,
    OFFICES,
    OPPOSE_WORDS,
    SPEECH_NOUNS,
    STANCE_NOUNS,
    STANCE_PHRASES,
    SUPPORT_WORDS,
    WEAK_NOUNS,
)
from app.pipeline.sentences import Sentence, split_sentences
from app.pipeline.speakers import NAME_RUN, analyse_np, name_kind, split_title
from app.pipeline.types import ReactionFound, SpeakerRef, Stance, Statement

_NOUN_FORM = re.compile(
    r"\b(?:drew|draws|drawn|attracted|prompted|provoked|sparked|triggered)\s+(?:\w+\s+){0,2}?"
    r"(?P<noun>" + "|".join(STANCE_NOUNS) + r")\s+(?:from|among)\s+(?P<who>[^,.;:“\"]+)"
)
_REACTED_WITH = re.compile(
    r"\b(?:reacted|responded)\s+(?:\w+ly\s+)?with\s+(?:\w+\s+)?(?P<noun>"
    + "|".join(STANCE_NOUNS) + r")\b"
)
_REACTION_FORMS = sorted(
    {f for lemma in REACTION_LEMMAS if lemma not in ("call", "back", "attack", "question")
     for f in (lemma + "d", lemma + "ed")} | {"questioned"}, key=len, reverse=True,
)
_VERB_FORM = re.compile(
    r"(?:^|\s)(?:\w+ly\s+)?(?P<verb>" + "|".join(_REACTION_FORMS) + r")\s+"
    r"(?P<obj>(?:the|this|that|its|his|her|their|[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*[’']s)"
    r"\s+[^,.;:“\"]{2,80}?)(?=[,.;:]|\s+(?:as|and|but|saying|which|because)\b|$)"
)
_CLAUSE_VERB = r"(?:had|has|have|was|were|is|are|did|would\s+have|should\s+have|could\s+have)"
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:though|although|but|while|whereas)\s+|;\s+|\s+(?:but|whereas)\s+")
_APPOSED_OFFICE = re.compile(r",\s+(?:the|a|an|its|[A-Z][\w’']*[’']s?)\s+(?:[\w-]+\s+){0,3}?([a-z]+)\s*[,.]")
_SUPPORT_STEMS = ("welcom", "support", "back", "prais", "endors", "applaud")
_OWN_STANCE = re.compile(
    r"[\s“\"‘]*(?:that\s+)?(?:he|she|it|they|we|I)\s+(?:\w+ly\s+|(?:had|has|have|would|will|did|does|do)"
    r"(?P<neg>\s+not)?\s+)*(?P<verb>(?:welcom|support|back|oppos|reject|prais|criticis|criticiz|condemn"
    r"|endors|applaud)\w*)\s",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
_DESCRIBED = re.compile(r"\b[Tt]he\s+([a-z]+)(?:\s+([a-z]+))?")
_PASSIVE_GAP = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?$")
_BY_AGENT = re.compile(r"(?:\s+[\w,-]+){0,4}?\s+by\s+(?:the\s+)?")
_NOUN_ALT = "|".join(sorted(ACT_NOUNS, key=len, reverse=True))
_OWNED_ACT = re.compile(rf"[’']s?\s+(?:[\w-]+\s+)?({_NOUN_ALT})\b")
_ACT_AGENT = re.compile(rf"\b({_NOUN_ALT})\s+(?:from|by)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){{0,3}}$")
_OWNED_NOUN = re.compile(
    r"[’']s?\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(ACT_NOUNS | SPEECH_NOUNS)) + r")\b"
)
_COMPARATIVES = frozenset({"worse", "better"})
_CLAUSE_CUT = re.compile(r"\s+(?:on|in|at|after|said|says|" + "|".join(ACT_VERBS) + r")\s")
_PRONOUN_SUBJECT = re.compile(
    r"[\s“\"‘]*(?:that\s+)?(?:it|they|we|he|she)\s+(?:\w+\s+){0,2}?$", re.IGNORECASE
)
_CALENDAR = frozenset(WEEKDAYS + MONTHS)
_CLAUSE_IN_NAME = re.compile(
    r"((?:[A-Z][\w’'.&-]*\s+(?:(?:of|for|and)\s+)?)*[A-Z][\w’'.&-]*)\s+(?:on|in|at)\s+\S"
)
_TOKEN = re.compile(r"[\w’'-]+")
_ACT_VERB_ALT = "|".join(sorted(ACT_VERBS, key=len, reverse=True))
_ACT_TAIL = r"\s+(?:has\s+|had\s+|have\s+)?(?:\w+ly\s+)?(?:" + _ACT_VERB_ALT + r")\b)"
_ACT_AFTER = re.compile(_ACT_TAIL[:-1])
_UNNAMED_BODY = re.compile(r"\b[Tt]he\s+((?:[a-z]+\s+){0,2}(" + "|".join(ORG_NOUNS) + r"))(?=" + _ACT_TAIL)
_ACT_VERB_RE = re.compile(r"\b(" + _ACT_VERB_ALT + r")\b")


@dataclass(frozen=True, slots=True)
class Actor:
    """A source that may be reacted to, named in the article or among the speakers."""

    name: str
    kind: str
    forms: tuple[str, ...]  # names as written, matched case-sensitively
    heads: tuple[str, ...] = ()  # "the council", "the mayor": matched after "the"
    also: tuple[str, ...] = ()  # the extraction's own name for it, when cleaned here


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    actor: Actor


def actors_of(text: str, speakers: Sequence[SpeakerRef]) -> list[Actor]:
    """Sources: the extraction's speakers, plus titled people and organisations named
    in the text ('Mayor Tom Harkin', 'Harlow Port Authority') who never spoke."""
    found: dict[str, Actor] = {}
    lower_words = set(re.findall(r"\b[a-z][\w-]*", text))
    for ref in speakers:
        if ref.name.lower() in _CALENDAR:  # "Friday" taken for a source upstream
            continue
        # "Acme Court on Tuesday struck down ...": a clause taken for a name upstream;
        # its opening name stands for it.
        clean = ref.name
        if ref.kind != "person" and (m := _CLAUSE_IN_NAME.match(ref.name)):
            clean = m.group(1)
        elif ref.kind != "person" and len(clean.split()) > 5:
            clean = _CLAUSE_CUT.split(clean, maxsplit=1)[0]
        actor = _actor(clean, ref.kind, ref.role, [a for a in ref.aliases if a == clean or len(a) < 40])
        found[clean] = Actor(actor.name, actor.kind, actor.forms, actor.heads, (ref.name,))
    all_forms = {f for a in found.values() for f in a.forms}
    person_forms = {f for a in found.values() if a.kind == "person" for f in a.forms}
    parsed: dict[str, tuple[str, str, str]] = {}
    for m in NAME_RUN.finditer(text):
        key = m.group()
        if key not in parsed:
            run = re.sub(r"[’'](?:s\b)?$", "", " ".join(key.split()))
            role, name = split_title(re.sub(r"^(?:The|A|An)\s+", "", run))
            parsed[key] = (role, name, name_kind(name))
        role, name, kind = parsed[key]
        words = name.split()
        low = name.lower()
        if name in all_forms or words[-1:] and words[-1] in person_forms:
            continue  # known already (the common case: a name said again)
        if len(words) == 1 and (low in SOURCE_NOUNS or low in _CALENDAR or low in lower_words):
            continue  # "Councillors voted": a common noun opening a sentence
        actor_verb = _ACT_AFTER.match(text, m.end())
        office = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if not role and office and office.group(1) in OFFICES:
            role = office.group(1)  # "bank governor Eva Lind"
        if not actor_verb and (kind == "person" and not role or len(words) < 2 and not name.isupper()):
            continue
        if kind == "organization" and not any(w.lower() in ORG_WORDS for w in words) and not actor_verb:
            continue
        actor = _actor(name, "organization" if actor_verb and not role else kind, role or None, ())
        found[name] = actor
        all_forms.update(actor.forms)
        if actor.kind == "person":
            person_forms.update(actor.forms)
    # "The city council voted ...": an unnamed body that acts, when nothing named has
    # that head word ("Acme City Council").
    for m in _UNNAMED_BODY.finditer(text):
        if not any(m.group(2) in a.heads for a in found.values()):
            found[m.group(1)] = Actor(m.group(1), "organization", (), (m.group(2),))
    return [_with_offices(text, a) for a in found.values()]


def _with_offices(text: str, actor: Actor) -> Actor:
    """Office words written around a person's name ('bank governor Eva Lind', 'Eva Lind,
    the bank's governor,') so that 'the governor' finds her."""
    if actor.kind != "person":
        return actor
    heads = set(actor.heads)
    for m in re.finditer(re.escape(actor.name), text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        after = _APPOSED_OFFICE.match(text, m.end())
        heads.update(g.group(1).lower() for g in (before, after) if g and g.group(1).lower() in OFFICES)
    return Actor(actor.name, actor.kind, actor.forms, tuple(sorted(heads)), actor.also)


def _actor(name: str, kind: str, role: str | None, aliases: Sequence[str]) -> Actor:
    words = name.split()
    # Aliases that share a name word ("Kowal", "Acme Bank") or are acronyms ("AIU");
    # not descriptions picked up from appositions ("a Liberal who resigned").
    forms = {name} | {
        a for a in aliases
        if a[:1].isupper() and (a.isupper() and len(a) >= 2 or set(a.split()) & set(words[1:] or words))
    }
    heads: set[str] = set()
    if kind == "person" and len(words) >= 2:
        forms.add(words[-1])
    elif kind != "person":
        if words and words[-1].lower() in ORG_WORDS:
            heads.add(words[-1].lower())
        acronym = "".join(w[0] for w in words if w[:1].isupper())
        if len(acronym) >= 3:
            forms.add(acronym)
    for w in (role or "").lower().split():
        if w in OFFICES:
            heads.add(w)
    forms = {f for f in forms if not f.lower().startswith("the ")} | {
        f[4:] for f in forms if f.lower().startswith("the ") and f[4:5].isupper()
    }
    return Actor(name, kind, tuple(sorted(forms, key=len, reverse=True)), tuple(sorted(heads)))


def mentions_of(text: str, actors: Sequence[Actor]) -> list[_Mention]:
    """Every place an actor is named ('Harkin', 'AIU') or described ('the mayor')."""
    owner: dict[str, Actor] = {}
    for actor in actors:
        for form in actor.forms:
            owner.setdefault(form, actor)
    out: list[_Mention] = []
    if owner:
        forms = "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{forms})(?![\w-])", text):
            out.append(_Mention(m.start(), m.end(), owner[m.group()]))
    by_head: dict[str, list[_Mention]] = {}
    for n in sorted(out, key=lambda m: m.start):
        for head in n.actor.heads:
            by_head.setdefault(head, []).append(n)
    unnamed = {h: a for a in actors if not a.forms for h in a.heads}
    for m in _DESCRIBED.finditer(text):
        for g in (2, 1):
            head = m.group(g)
            fits = [n for n in by_head.get(head or "", ()) if n.start < m.start()]
            actor = fits[-1].actor if fits else unnamed.get(head or "")
            if actor is not None:
                out.append(_Mention(m.start(), m.end(g), actor))
                break
    out.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for m in out:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _related(a: Actor, b: Actor) -> bool:
    """One source speaking of itself ('a spokesperson for the agency ... the agency')."""
    # Containment, not shared words: a place name opens many unrelated bodies' names.
    an, bn = a.name.lower(), b.name.lower()
    return an in bn or bn in an or bool(set(a.forms) & set(b.forms))


def _find_actor(actors: Sequence[Actor], name: str) -> Actor:
    found = next((a for a in actors if a.name == name or name in a.also), None)
    return found if found is not None else _actor(name, "group", None, ())


def stance_of(*parts: str, cue: str = "") -> Stance:
    """The stance carried by words: 'long overdue' support, 'a betrayal' oppose,
    'worried' concern; a negation just before flips support and oppose."""
    score: dict[Stance, float] = {"support": 0.0, "oppose": 0.0, "concern": 0.0}
    for weight, part in ((2.0, cue), *((1.0, p) for p in parts)):
        words = [w.lower().replace("’", "'") for w in _TOKEN.findall(part)]
        for i, w in enumerate(words):
            if w in FRAME_ONLY and weight < 2:
                continue
            # "could not be worse" is as bad as it gets: no flip for comparatives.
            negated = w not in _COMPARATIVES and any(
                x in NEGATION or x.endswith("n't") for x in words[max(0, i - 3) : i])
            if w in SUPPORT_WORDS:
                score["oppose" if negated else "support"] += weight
            elif w in OPPOSE_WORDS:
                score["support" if negated else "oppose"] += weight * (0.5 if negated else 1)
            elif w in CONCERN_WORDS and not negated:
                score["concern"] += weight
    for part in (cue, *parts):
        for pattern, stance in STANCE_PHRASES:
            if pattern.search(part):
                score[stance] += 2.0
    best = max(score, key=lambda k: score[k])
    return best if score[best] > 0 else "neutral"


@dataclass(frozen=True, slots=True)
class _Act:
    pos: int
    actor: Actor
    nouns: frozenset[str]


def acts_of(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[_Mention],
    statements: Sequence[Statement] = (),
) -> list[_Act]:
    """Acts credited to a source: the mention nearest before an act verb in its sentence
    ('Acme Council has approved ...', 'the court ruled ...'); inside reported speech,
    the subject comes from the content, never the speaker ('X said the board had
    approved ...')."""
    verbs = _ACT_VERB_RE
    out: list[_Act] = []
    for sent in sentences:
        for v in verbs.finditer(text, sent.start, sent.end):
            inside = [st for st in statements if st.start <= v.start() < st.end]
            lo = max([sent.start] + [st.start for st in inside])
            before = [m for m in _within(mentions, lo, v.start()) if m.end <= v.start()]
            if not before and inside and _PRONOUN_SUBJECT.match(text, lo, v.start()):
                # "The authority said it would cut ...": the speaker is the one acting.
                speaker = next((m for m in mentions if m.actor.name == inside[-1].speaker
                                or inside[-1].speaker in m.actor.also), None)
                if speaker is not None:
                    out.append(_Act(v.start(), speaker.actor, ACT_VERBS[v.group(1)]))
                continue
            gap = text[before[-1].end : v.start()] if before else "“"
            # "Kowal has been suspended": the subject underwent the act, did not do it.
            if "“" not in gap and not _PASSIVE_GAP.search(gap):
                out.append(_Act(v.start(), before[-1].actor, ACT_VERBS[v.group(1)]))
    # "A study published on Monday by the Marlow Institute": the agent after "by".
    for sent in sentences:
        for v in verbs.finditer(text, sent.start, sent.end):
            by = _BY_AGENT.match(text, v.end(), sent.end)
            agent = next(iter(_within(mentions, by.end(), by.end() + 1)), None) if by else None
            if agent is not None:
                out.append(_Act(v.start(), agent.actor, ACT_VERBS[v.group(1)]))
    # Acts named by a noun: "the minister's decision", "final approval from the minister".
    owned, agent = _OWNED_ACT, _ACT_AGENT
    for m in mentions:
        hit = owned.match(text, m.end) or agent.search(text, max(0, m.start - 60), m.start)
        if hit:
            out.append(_Act(m.start, m.actor, frozenset({hit.group(1), "decision", "move"})))
    out.sort(key=lambda a: a.pos)
    return out


def _within(mentions: Sequence[_Mention], lo: int, hi: int) -> Sequence[_Mention]:
    """Mentions starting in [lo, hi); `mentions` is sorted by start."""
    return mentions[bisect_left(mentions, lo, key=_start) : bisect_left(mentions, hi, key=_start)]


def _start(m: _Mention) -> int:
    return m.start


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    statements: Sequence[Statement]
    actors: Sequence[Actor]
    mentions: Sequence[_Mention]
    acts: Sequence[_Act]


def _act_owner(ctx: _Context, noun: str, pos: int, reactor: Actor) -> Actor | None:
    """Who did the act a definite noun points back to: the last fitting act before
    `pos`, else the article's first act; for speech nouns, the last other speaker."""
    prior = [a for a in ctx.acts if a.pos < pos and not _related(a.actor, reactor)]
    if noun in SPEECH_NOUNS:
        said = [s for s in ctx.statements if s.start < pos and s.speaker != reactor.name]
        return _find_actor(ctx.actors, said[-1].speaker) if said else None
    fitting = [a for a in prior if noun in a.nouns]
    if fitting:
        return fitting[-1].actor
    return prior[0].actor if prior else None  # the act the article opens with


def _target_in(
    ctx: _Context, lo: int, hi: int, reactor: Actor, pronouns: bool = False
) -> tuple[Actor | None, str]:
    """The other source that text[lo:hi] refers to, and how: 'owner' ("the mayor's
    budget"), 'subject' (a clause about it: "the council had ..."), 'act' ("the
    ruling"), 'weak' (an act noun that may be a mere topic: "the rise")."""
    text = ctx.text
    others = [m for m in _within(ctx.mentions, lo, hi) if m.end <= hi and not _related(m.actor, reactor)]
    for m in others:
        if _OWNED_NOUN.match(text[m.end : hi]):
            return m.actor, "owner"
    for m in others:
        lead = text[lo : m.start]
        if re.fullmatch(r"[\s“\"‘]*(?:that\s+)?[\s“\"‘]*(?:[Tt]he\s+)?", lead) and re.match(
                rf"\s+(?:\w+\s+)?{_CLAUSE_VERB}\b", text[m.end : hi]):
            return m.actor, "subject"
    # "His remarks drew criticism" points away; in a statement "its plan" is the speaker's.
    dets = "[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose" + ("|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts" if pronouns else "")
    for m in re.finditer(rf"\b(?:{dets})\s+(?:[\w-]+\s+){{0,2}}?("
                         + "|".join(sorted(ACT_NOUNS | SPEECH_NOUNS)) + r")\b", text[lo:hi]):
        owner = _act_owner(ctx, m.group(1), lo + m.start(), reactor)
        if owner is not None:
            return owner, "weak" if m.group(1) in WEAK_NOUNS else "act"
    return (others[0].actor, "named") if others else (None, "")


def evaluative_reactions(
    text: str,
    statements: Sequence[Statement],
    speakers: Sequence[SpeakerRef],
    reactions: Sequence[ReactionFound],
) -> tuple[ReactionFound, ...]:
    """Reactions that `reactions` lacks: statements that evaluate another source's
    statement or act, and noun forms ('drew criticism from', 'reacted with alarm',
    'welcomed the deal' where the verb stage found no target).

    >>> text = "Mayor Tom Harkin presented his budget. Ada Brin said the mayor's budget was a disgrace."
    >>> st = Statement("Ada Brin", text[53:86], "indirect", "said", "Ada Brin", 53, 86)
    >>> r = evaluative_reactions(text, [st], [SpeakerRef("Ada Brin", "person")], [])[0]
    >>> r.reactor, r.target_speaker, r.stance
    ('Ada Brin', 'Tom Harkin', 'oppose')
    """
    sentences = split_sentences(text, find_quotes(text))
    actors = actors_of(text, speakers)
    mentions = mentions_of(text, actors)
    ctx = _Context(text, statements, actors, mentions, acts_of(text, sentences, mentions, statements))
    taken = [(r.start, r.end) for r in reactions]
    out: list[ReactionFound] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    starts = [s.start for s in sentences]

    def at(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i].end else -1

    # A reactor the verb stage already heard nearby ('welcomed the decision and said
    # ...') is not reacting a second time.
    heard = [(_find_actor(actors, r.reactor), at(r.start)) for r in reactions]

    def fresh(r: ReactionFound) -> bool:
        who, i = _find_actor(actors, r.reactor), at(r.start)
        return not any(abs(i - j) <= 1 and _related(who, a) for a, j in heard)

    def add(r: ReactionFound | None) -> None:
        if r is not None and free(r.start, r.end) and fresh(r):
            out.append(r)
            taken.append((r.start, r.end))
            heard.append((_find_actor(actors, r.reactor), at(r.start)))

    for sent in sentences:
        for r in _noun_forms(ctx, sent):
            add(r)
        if not any(sent.start <= a < sent.end for a, _ in taken):
            add(_verb_form(ctx, sent))
    for k, st in enumerate(statements):
        i = at(st.start)
        if i >= 0:
            add(_statement_reaction(ctx, k, st, sentences[i], sentences))
    return tuple(sorted(out, key=lambda r: r.start))


def _statement_reaction(
    ctx: _Context, k: int, st: Statement, sent: Sentence, sentences: Sequence[Sentence]
) -> ReactionFound | None:
    """A statement aimed at another source: 'said the council had "picked the least
    bad option"', 'said it would "study the ruling carefully"'."""
    if st.cue == ":" or st.cue.lower().startswith("according"):
        return None
    if _OWNED_ACT.search(st.speaker):
        return None  # "Acme's decision on ..." taken for a speaker upstream: not a source
    reactor = _find_actor(ctx.actors, st.speaker)
    text = ctx.text
    target, how = _target_in(ctx, st.start, st.end, reactor)
    # The reactor's own clause: not 'X welcomed the plan, though Y said ...'.
    cuts = list(_CLAUSE_BREAK.finditer(text, sent.start, st.start))
    lo = cuts[-1].end() if cuts else sent.start
    after = _CLAUSE_BREAK.search(text, st.end, sent.end)
    hi = after.start() if after else sent.end
    if target is None:
        # The attribution around the content: 'said after the vote that ...'.
        target, how = _target_in(ctx, lo, st.start, reactor)
        if how == "subject":
            return None
    own = _OWN_STANCE.match(text, st.start, st.end)
    if target is None or how == "named" and own is None:
        return None
    if own is not None and how == "named":
        # 'said it welcomed the minister's ...', 'said he backed the manager'
        stance: Stance = "support" if own.group("verb").lower().startswith(_SUPPORT_STEMS) else "oppose"
        if own.group("neg"):
            stance = "oppose" if stance == "support" else "neutral"
        return _found(ctx, reactor.name, stance, st.cue, st.start, st.end, target, k)
    frame = text[lo : st.start] + " " + text[st.end : hi]
    stance = stance_of(text[st.start : st.end], _lead_in(ctx, sent, sentences, reactor), cue=frame)
    if stance == "neutral" and (how in ("subject", "weak") or st.kind == "direct"):
        # Names another source or a topic without judging it: news. In a source's own
        # quoted words, "this proposal" is as often its own as anyone's.
        return None
    return _found(ctx, reactor.name, stance, st.cue, st.start, st.end, target, k)


def _lead_in(ctx: _Context, sent: Sentence, sentences: Sequence[Sentence], reactor: Actor) -> str:
    """The sentence before, when it is the reactor's own stance without speech:
    'Councillor Brin was unimpressed. "...," she said.'"""
    i = sentences.index(sent)
    if i == 0:
        return ""
    prev = sentences[i - 1]
    if any(prev.start <= s.start < prev.end for s in ctx.statements):
        return ""
    if any(m.actor is reactor or m.actor.name == reactor.name
           for m in _within(ctx.mentions, prev.start, prev.start + 80) if m.end <= prev.end):
        return ctx.text[prev.start : prev.end]
    return ""


def _found(ctx: _Context, reactor: str, stance: Stance, cue: str, start: int, end: int,
           target: Actor, skip: int | None = None) -> ReactionFound:
    index = None
    for i, s in enumerate(ctx.statements):
        if s.speaker == target.name and s.start < start and i != skip:
            index = i
    return ReactionFound(reactor, stance, cue, ctx.text[start:end], start, end, target.name, index)


def _reactor_np(ctx: _Context, phrase: str, pos: int) -> str | None:
    """A reactor named by a phrase ('farm unions', 'the Ferry Workers' Union')."""
    phrase = re.split(r",|\s+(?:who|which|that|after|over|on|in|at)\s+", phrase)[0].strip()
    named = _within(ctx.mentions, pos, pos + len(phrase) + 1)
    if named:
        return named[0].actor.name
    mention = analyse_np(phrase)
    if mention is None or mention.pronoun or not mention.name:
        return None
    return mention.name


def _noun_forms(ctx: _Context, sent: Sentence) -> list[ReactionFound]:
    """'The governor's remarks drew criticism from farm unions', 'X reacted with alarm'."""
    text, out = ctx.text, []
    for m in _NOUN_FORM.finditer(text, sent.start, sent.end):
        reactor = _reactor_np(ctx, m.group("who"), m.start("who"))
        if reactor is None:
            continue
        actor = _find_actor(ctx.actors, reactor)
        target, _ = _target_in(ctx, sent.start, m.start(), actor, pronouns=True)
        if target is not None:
            stance = STANCE_NOUNS[m.group("noun").lower()]
            out.append(_found(ctx, reactor, stance, m.group().split(" from ")[0].split(" among ")[0],
                              m.start(), m.start("who") + len(m.group("who").rstrip()), target))
    for m in _REACTED_WITH.finditer(text, sent.start, sent.end):
        reactor = _reactor_np(ctx, text[sent.start : m.start()].strip(), sent.start)
        if reactor is None:
            continue
        actor = _find_actor(ctx.actors, reactor)
        target = _act_owner(ctx, "decision", sent.start, actor)
        if target is not None:
            start, end = _own_words(ctx, reactor, sent, m.start(), m.end())
            out.append(_found(ctx, reactor, STANCE_NOUNS[m.group("noun").lower()], m.group(),
                              start, end, target))
    return out


def _own_words(ctx: _Context, reactor: str, sent: Sentence, start: int, end: int) -> tuple[int, int]:
    """The reactor's statement in the same sentence (', saying ...'), else the span."""
    for s in ctx.statements:
        if s.speaker == reactor and end <= s.start < sent.end:
            return s.start, s.end
    return start, end


def _verb_form(ctx: _Context, sent: Sentence) -> ReactionFound | None:
    """'Exporters welcomed the agreement', 'Commuter groups questioned the timetable': a reaction
    verb at the start of a sentence whose target the verb stage did not find."""
    text = ctx.text
    m = _VERB_FORM.search(text, sent.start, sent.end)
    if m is None or m.start() - sent.start > 90:
        return None
    subject = text[sent.start : m.start()].strip()
    if not subject or re.search(r"[,;:“\"]|\b(?:was|were|is|are|been|be|has|have|had)\s*$", subject):
        return None
    reactor = _reactor_np(ctx, subject, sent.start)
    if reactor is None:
        return None
    actor = _find_actor(ctx.actors, reactor)
    start, end = _own_words(ctx, reactor, sent, m.start("verb"), m.end("obj"))
    target, how = _target_in(ctx, start, end, actor) if start != m.start("verb") else (None, "")
    if how not in ("owner", "subject"):
        target, _ = _target_in(ctx, m.start("obj"), m.end("obj"), actor)
    if target is None:
        head = m.group("obj").split()[-1].lower()
        if head in ACT_NOUNS or head in ("timeline", "timing", "timetable", "schedule", "claim", "claims"):
            target = _act_owner(ctx, head, sent.start, actor)
    if target is None:
        return None
    verb = m.group("verb").lower()
    stance: Stance = "concern" if verb == "questioned" else next(
        (s for lemma, s in REACTION_LEMMAS.items()  # type: ignore[misc]
         if verb.startswith(lemma[:-1] if lemma.endswith("e") else lemma)), "neutral")
    return _found(ctx, reactor, stance, m.group("verb"), start, end, target)
