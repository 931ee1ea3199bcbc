"""Reactions: one source responding to another's statement or action.

The union welcomed the ministry's decision.           support, target: the ministry
Kowal dismissed those claims, saying ...             oppose, target: the last critic
The levy has been met with unease among growers.     concern, reactor: growers
The proposal was hailed by industry.                  support, reactor: industry
The union said the court had "got it right".          a statement about another
                                                      source's act: support
"That is simply not true," the minister said.         a verdict on the claim just made
The board rejected that. "...," a board spokesman     the content is the reply that
said.                                                 follows, voiced for the board
Responding to the figures, the college said ...       a statement given as an answer

Whose act or claim is answered is settled in `targets`; verdicts without a reaction
verb in `verdicts`.
"""

import re
from bisect import bisect_right
from collections.abc import Callable

from app.pipeline.attribution import body_start
from app.pipeline.content import Claim
from app.pipeline.coref import Registry
from app.pipeline.cues import reaction_stance
from app.pipeline.lexicon import (
    ACTION_NOUNS,
    CLAIM_NOUNS,
    FEELING_STANCES,
    ORG_WORDS,
    REACTION_LEMMAS,
    RECEPTION_NOUNS,
    SOURCE_NOUNS,
    inflect,
    surface_to_lemma,
)
from app.pipeline.sentences import Sentence
from app.pipeline.speakers import Source, analyse_np
from app.pipeline.targets import head_noun, known_party, target_of
from app.pipeline.types import ReactionFound, Statement
from app.pipeline.verdicts import by_name, label_stance, statement_reaction

# "(said that) it welcomed the ruling", "(said) she rejected the claims".
# and in a quotation, "We reject these claims", "I welcome the progress".
_SELF_REACTION = re.compile(
    r"(?:it|he|she|they|we|i)\s+(?:had\s+|has\s+|have\s+)?[“\"‘]?(?:\w+ly\s+)?(?P<verb>[a-z]+)[”\"’]?\s+"
    r"(?P<obj>(?:the|this|that|these|those|its|his|her|their|today's)\s[^,.;]{2,80})",
    re.IGNORECASE)
_SELF_OPENING = re.compile(r"(?:it|he|she|they|we|i)\s", re.IGNORECASE)
# "(said) it was “deeply troubled” by the levy", "(said) they were disappointed with
# the ruling": a feeling about another's act, the statement's own words.
_SELF_FEELING = re.compile(
    r"(?:it|he|she|they|we|i)\s+(?:(?:was|were|is|are|am|remained|remains)|(?:had|has|have)\s+been)"
    r"\s+[“\"‘]?(?:\w+ly\s+)?(?P<adj>[a-z]+)[”\"’]?\s+(?:by|about|at|over|with)\s+"
    r"(?P<obj>(?:the|this|that|these|those|its|his|her|their)\s[^.;]{2,120})",
    re.IGNORECASE)
_RESPONSE_STEM = re.compile(r"espon|eacting|eply")
_RESPONDING = re.compile(
    r"(?:[Rr]esponding|[Rr]eacting|[Ii]n\s+(?:a\s+)?(?:response|reply))"
    r"(?:\s+to\s+(?P<obj>[^,;]{2,80}))?\s*,")
_RECEPTION = re.compile(
    r"\b(?:(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:met|greeted|received)\s+with|"
    r"(?:has\s+|have\s+|had\s+)?(?:drew|draws|drawn|attracted|sparked|prompted|raised|"
    r"triggered|provoked|caused))\s+"
    r"(?:\w+\s+)?(?P<noun>" + "|".join(RECEPTION_NOUNS) + r")\b[\w\s,]*?\s+(?:among|from|by)\s+"
    r"(?P<who>[^,.;]+)"
)
# Past participles ("slammed", "criticised"), longest first so none stops short.
_PASSIVE_VERBS = "|".join(sorted(
    {f for lemma in REACTION_LEMMAS if lemma != "call" for f in inflect(lemma)[2].split("|")},
    key=lambda f: (-len(f), f)))
_PARTICIPLE_STANCE = {f: stance for lemma, stance in REACTION_LEMMAS.items()
                      for f in inflect(lemma)[2].split("|")}
_PASSIVE_WORDS = frozenset(_PASSIVE_VERBS.split("|"))
_RECEPTION_WORDS = frozenset(RECEPTION_NOUNS)
_WORDS = re.compile(r"[a-z]+")
_PASSIVE = re.compile(
    rf"\b(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?|(?:and|but)\s+)"
    rf"(?P<verb>{_PASSIVE_VERBS})(?:\s+as\s+[^,.;]{{1,60}}?)?\s+by\s+(?P<who>[^,.;]+?)"
    r"(?=\s+(?:and|but)\b|[,.;]|$)"
)
_RECEPTION_HINT = re.compile(r"\b(?:(?:met|greeted|received)\s+with|drew|draws|drawn|attracted|"
                             r"sparked|prompted|raised|triggered|provoked|caused)\b")
_BY_OR_WITH = re.compile(r"\s(?:by|with|from|among)\s")
_ACT = re.compile(
    r"(?:^|,\s+|\b(?:after|when|as|because|since|that|while)\s+)"
    r"(?P<np>(?:[Tt]he\s+)?(?:[A-Z][\w’'.\-]*\s+){0,4}[A-Z][\w.\-]*|[Tt]he\s+[a-z]+(?:\s+[a-z]+)?)"
    r"(?:[’']s\s+(?P<part>[a-z]+(?:\s+[a-z]+)?))?"  # "Acme Council's cabinet voted": the council
    r"\s+(?:has\s+|have\s+|had\s+|on\s+\w+day\s+)?(?:approved|decided|announced|ruled|voted|"
    r"passed|banned|imposed|introduced|unveiled|proposed|launched|scrapped|delayed|fined|"
    r"ordered|rejected|adopted|agreed|raised|cut|increased|lowered|hiked|sacked|fired|appointed|"
    r"signed|released|published|blocked|closed|suspended|awarded|cancell?ed|canceled|halted|"
    r"postponed|withdrew|scrapped|overturned|upheld|sentenced|jailed|charged|cleared)\b")
_REPLY_CUE = re.compile(r"(?:replied|replies|retorted|retorts|countered|counters|shot\s+back|"
                        r"hit\s+back|fired\s+back)", re.IGNORECASE)
_REPLY_REACH = 600  # characters: a reply answers what was said just before it
_BARE_OBJECT = re.compile(r"\s+(?:that|this|it|them|those|these)\s*[.!]?\s*")
_OPENING_VERB = re.compile(r"\s(?:has|have|had|is|are|was|were|will|would|[a-z]+ed)\s")

# Verbs that also name acts with no source behind them ("attacked the village", "backed
# the car out"): their object must name its owner.
# Participles that add a fact beside a reaction rather than give its reasons.
_ASIDE_LEMMAS = frozenset({"note", "add", "point out", "recall", "report", "reveal", "confirm",
                           "disclose", "estimate", "mention"})
_OPEN_RELATIVE = re.compile(r"\bwhat(?:\s+[\w’'-]+)?\s*$")  # "praised X on what (she called)"
_ACT_SUFFIXES = ("tion", "sion", "ment", "val", "sal")  # "authorisation", "removal"
_SHORT_OBJECT = 5  # words: "that charge", "the minister's claims", not a whole proposal
_STRICT_LEMMAS = frozenset({"attack", "back", "support", "embrace", "celebrate", "question",
                            "call", "accuse", "blast", "oppose"})

Resolved = list[tuple[Sentence, list[tuple[Claim, Source]]]]


# Compiled once: tried on every reaction cue.
_WHO_BEFORE = re.compile(r",\s*who\s+(?:\w+ly\s+)?(?:had\s+|has\s+)?$")
_DOUBLE_MARK = re.compile(r"[“\"]")


def find_reactions(
    text: str, masked: str, claims: Resolved, statements: list[Statement], registry: Registry
) -> list[ReactionFound]:
    """Reactions in document order, each with reactor, stance and target."""
    lead = _lead_actor(masked, claims, registry)
    out: list[ReactionFound] = []
    used: set[int] = set()
    for idx, (sent, resolved) in enumerate(claims):
        for i, (claim, src) in enumerate(resolved):
            stance = reaction_stance(claim.cue)
            if stance is None and claim.cue.lemma in ("deny", "dispute") and _BARE_OBJECT.fullmatch(
                    masked, claim.cue.end, sent.end):
                stance = "oppose"  # "Kowal denied that.": a denial of what was just said
            if stance is None:
                continue
            if claim.subject is not None and claim.subject.relative and _WHO_BEFORE.search(
                    masked[max(0, claim.cue.start - 40) : claim.cue.start]):
                continue  # "Kent, who backed the expansion, said ...": background, no reaction
            if claim.cue.lemma == "call":
                # 'called the closures "a hammer blow"': a verdict on an act, or nothing
                head = head_noun(masked[claim.start : claim.end])
                if head not in ACTION_NOUNS | CLAIM_NOUNS or not _DOUBLE_MARK.search(
                        text[claim.start : claim.end]):
                    continue
                stance = label_stance(text[claim.start : claim.end])
            start, end = _reaction_span(
                text, claim, resolved[i + 1 :], src, claims[idx + 1 : idx + 2], statements,
                registry)
            obj = masked[claim.cue.end : claim.end if claim.end > claim.cue.end else sent.end]
            if claim.cue.lemma == "accuse":  # accuses a party, not an act: known sources only
                target = known_party(obj, registry, src, sent.start)
            else:
                last = by_name(registry, out[-1].target_speaker or "") if out else None
                target = target_of(obj, masked, sent, src, statements, registry, lead, last,
                                 claim.cue.lemma not in _STRICT_LEMMAS)
            if target is not None:
                out.append(_reaction(src, stance, claim.cue.text, text, start, end, target, statements))
                used.update(range(start, end))
        out.extend(_passive_reactions(text, masked, sent, statements, registry, lead))
    sent_of = _sentence_finder(claims)
    heard: set[str] = set()
    latest: Statement | None = None
    prior: Statement | None = None
    for k, st in enumerate(statements):
        if k:  # the last statement, and the last one by anyone else before it
            if latest is not None and statements[k - 1].speaker != latest.speaker:
                prior = latest
            latest = statements[k - 1]
            heard.add(latest.speaker)
        if st.start in used:
            continue
        previous = latest if latest is None or latest.speaker != st.speaker else prior
        sent = sent_of(st.start)

        def owner_of(np: str, loose: bool = False, st: Statement = st,
                     sent: Sentence = sent) -> Source | None:
            reactor = by_name(registry, st.speaker)
            if reactor is None:
                return None
            return target_of(np, masked, sent, reactor, statements, registry, lead, None, loose)

        r = _reported_reaction(st, text, owner_of) if _SELF_OPENING.match(text, st.start) else None
        if r is None and st.start - sent.start >= 12:  # room for "In response," before it
            r = _response(st, masked, sent, owner_of, previous, registry)
        if r is None:
            r = _reply(st, previous, registry)
        if r is not None:
            if not used.intersection(range(r.start, r.end)):
                out.append(r)  # "said she welcomed it" found once, by its cue
        elif r := statement_reaction(st, text, masked, registry, lead, previous, owner_of,
                                     heard):
            out.append(r)
    out.sort(key=lambda r: r.start)
    return out


def _reported_reaction(st: Statement, text: str,
                       owner_of: Callable[[str, bool], Source | None]) -> ReactionFound | None:
    """'The hospice said in a statement that it welcomed the sentence': a reaction the
    speaker reports of itself; the statement is its content."""
    m = _SELF_REACTION.match(text, st.start, st.end)
    if m is None:
        return _reported_feeling(st, text, owner_of)
    verb = m.group("verb").lower()
    base = verb[:-1] if verb.endswith("s") and verb[:-1] in REACTION_LEMMAS else verb
    if base in REACTION_LEMMAS and (st.kind != "indirect" or base != verb):
        lemma = base  # '"We reject ...," she said', 'said it "strongly rejects" the claims' 
    else:
        found = surface_to_lemma().get(verb)
        if found is None or found[1] != "reaction":
            return None
        lemma = found[0]
    if lemma in ("call", "back", "support", "attack"):
        return None  # "we call the ...", "we back the ..." say little about a stance
    target = owner_of(" " + m.group("obj"), True)
    if target is None:
        return None
    stance = REACTION_LEMMAS[lemma]
    return ReactionFound(st.speaker, stance, m.group("verb"), st.text, st.start, st.end,  # type: ignore[arg-type]
                         target.name, None)


def _reported_feeling(st: Statement, text: str,
                      owner_of: Callable[[str, bool], Source | None]) -> ReactionFound | None:
    """'The regulator said it was "deeply troubled" by the levy': a source reporting
    its own feeling about another's act reacts to that act, with the feeling's stance."""
    m = _SELF_FEELING.match(text, st.start, st.end)
    if m is None or (stance := FEELING_STANCES.get(m.group("adj").lower())) is None:
        return None
    target = owner_of(" " + m.group("obj"), True)
    if target is None or target.name == st.speaker:
        return None
    return ReactionFound(st.speaker, stance, st.cue, st.text, st.start, st.end,  # type: ignore[arg-type]
                         target.name, None)


def _response(st: Statement, masked: str, sent: Sentence,
              owner_of: Callable[[str, bool], Source | None], previous: Statement | None,
              registry: Registry) -> ReactionFound | None:
    """'Responding to the figures, the college said ...', 'In response, she said ...':
    a statement introduced as an answer to another source's words or act."""
    if st.start - sent.start < 12 or not _RESPONSE_STEM.search(masked, sent.start, st.start):
        return None  # no "In response," before the statement (a literal scan, fast)
    m = _RESPONDING.search(masked, sent.start, st.start)
    if m is None:
        return None
    if m.group("obj"):
        target = owner_of(" " + m.group("obj"), True)
    else:
        target = by_name(registry, previous.speaker) if previous is not None else None
    if target is None or target.name == st.speaker:
        return None
    # An answer the news reports is most often a defence against what was said: one
    # without evaluative words ("said the plan was fully costed") opposes, like a reply.
    stance = label_stance(st.text)
    return ReactionFound(st.speaker, "oppose" if stance == "neutral" else stance,  # type: ignore[arg-type]
                         st.cue, st.text, st.start, st.end, target.name, None)


def _reply(st: Statement, previous: Statement | None, registry: Registry) -> ReactionFound | None:
    """'"I read every page," she replied.': a reply to what another source said just
    before answers that source; a reply the news reports is most often a rebuttal, so
    one without evaluative words opposes."""
    if _REPLY_CUE.fullmatch(st.cue) is None or previous is None:
        return None
    if st.start - previous.end > _REPLY_REACH or previous.speaker == st.speaker:
        return None
    target = by_name(registry, previous.speaker)
    if target is None:
        return None
    stance = label_stance(st.text)
    return ReactionFound(st.speaker, "oppose" if stance == "neutral" else stance,  # type: ignore[arg-type]
                         st.cue, st.text, st.start, st.end, target.name, None)


def _sentence_finder(claims: Resolved) -> Callable[[int], Sentence]:
    """The sentence that holds an offset (the nearest one starting before it)."""
    sentences = [sent for sent, _ in claims]
    starts = [sent.start for sent in sentences]

    def find(pos: int) -> Sentence:
        return sentences[max(0, bisect_right(starts, pos) - 1)]

    return find


def _reaction(
    src: Source,
    stance: str,
    cue: str,
    text: str,
    start: int,
    end: int,
    target: Source | None,
    statements: list[Statement],
) -> ReactionFound:
    index = None
    if target is not None:
        for k, st in enumerate(statements):
            if st.speaker == target.name and st.start < start:
                index = k
    return ReactionFound(
        src.name,
        stance,
        " ".join(cue.split()),  # "met with\nconcern" as one line
        text[start:end],
        start,
        end,  # type: ignore[arg-type]
        target.name if target else None,
        index,
    )


def _reaction_span(
    text: str,
    claim: Claim,
    later: list[tuple[Claim, Source]],
    src: Source,
    next_sentence: Resolved,
    statements: list[Statement],
    registry: Registry,
) -> tuple[int, int]:
    """The reaction's own words: the ', saying ...' that follows it; else its object when
    that says something ('dismissed the plan as "a fantasy"'); else the reactor's next
    statement ('X dismissed the claims. "...," she said.'); else the bare reaction."""
    own = text[claim.start:claim.end]
    if re.search(r"\bas\b|[“\"]", own):
        return claim.start, claim.end
    if later and later[0][1] is src and _OPEN_RELATIVE.search(own):
        # "congratulated Ruiz on what he called 'a tidy result'": the verdict is its words
        return claim.start, later[0][0].end
    for other, other_src in later:
        if other.inherit and other.cue.participle and other_src is src and other.end > other.start:
            if other.cue.lemma in _ASIDE_LEMMAS and len(own.split()) > _SHORT_OBJECT:
                break  # "welcomed X's decision to ..., noting that debt had risen": an aside
            return other.start, other.end
    if claim.via_that and text[claim.cue.end : claim.start].strip() == "that":
        return claim.start, claim.end  # "expressed concern that ...": the reactor's words
    if next_sentence and len(own.split()) <= _SHORT_OBJECT and not _names_an_act(own):
        # "rejected the claims. '...,' she said": the reply follows; an object that says
        # what was answered ("welcomed X's decision to cap deposits ...") is itself the content
        sent = next_sentence[0][0]
        surface = claim.subject.mention.surface.lower().split() if claim.subject else []
        body = surface[-1] if len(surface) == 2 and surface[0] == "the" else None
        # "Analysts were unconvinced. '...,' said Ivo Marsh, an analyst at ...": a member
        member = surface[-1][:-1] if src.kind == "group" and surface and surface[-1].endswith(
            "s") else None
        if not own.strip():
            # "The league was dismissive. Its chairwoman said ...": with nothing answered
            # named, a body's voice adds its own statement; the stance is the reaction
            body = None
        for st in statements:
            if sent.start <= st.start < sent.end and (st.speaker == src.name or body and (
                    body in st.mention.lower().split()) or member and _member_of(
                    member, st, registry) or own.strip() and src.kind == "organization" and re.match(
                    r"[Ii]ts\s", st.mention)):  # "its chief executive said"
                # "The board rejected that. '...,' a board spokesperson said."
                return st.start, st.end
    if claim.via_that:  # "rejected the suggestion that ...": what was rejected
        return claim.start, claim.end
    return claim.cue.start, max(claim.end, claim.cue.end)


def _names_an_act(obj: str) -> bool:
    """'welcomed the approval': an object naming an act, which the reaction's own words
    already say; a reply that follows answers only a claim ('rejected the claims. "...,"
    she said')."""
    head = head_noun(obj)
    if head is None or head in CLAIM_NOUNS:
        return False
    return head in ACTION_NOUNS or head.endswith(_ACT_SUFFIXES)


def _member_of(noun: str, st: Statement, registry: Registry) -> bool:
    """Whether the statement's speaker is described as one `noun` ('an analyst at ...')."""
    speaker = by_name(registry, st.speaker)
    hay = f"{st.mention} {speaker.role or ''} {' '.join(speaker.roles)}" if speaker else st.mention
    return re.search(rf"\b{re.escape(noun)}\b", hay.lower()) is not None


def _lead_actor(masked: str, claims: Resolved, registry: Registry) -> Source | None:
    """The article's main actor: the named subject of the first body sentence
    ('Acme Council has approved ...'), else the source of that sentence's first claim."""
    tried = 0
    for sent, resolved in claims:
        body = masked[body_start(masked, sent) : sent.end]
        if not body.rstrip().endswith(".") or len(body.split()) < 6:
            continue
        act = _ACT.search(body)
        np = act.group("np") if act else ""
        if act and act.group("part") and np.split()[-1].lower() not in ORG_WORDS:
            np = "the " + act.group("part")  # "Britain's data regulator fined": the regulator
        if act and (mention := analyse_np(np)) is not None and not mention.pronoun:
            # "... after the city council approved a plan": who acted is whom others answer
            src = (registry.named_like(mention.name.split()[-1], sent.end) if mention.definite
                   else None) or registry.resolve(mention, sent.start, sent.start)
            if src is not None:
                return src
        main = [src for claim, src in resolved if not (claim.subject and claim.subject.relative)]
        if main:
            return main[0]  # "X has been suspended, the agency said": the agency acted
        opening = _OPENING_VERB.split(body, maxsplit=1)[0]
        mention = None if "," in opening else analyse_np(opening)  # not "In May, X ..."
        if mention is not None and mention.kind in ("organization", "person") and not (
                mention.pronoun or mention.definite or mention.name.lower() in SOURCE_NOUNS):
            return registry.resolve(mention, sent.start, sent.start)
        if resolved:
            return resolved[0][1]
        tried += 1
        if tried == 3:
            break
    return None


def _passive_reactions(
    text: str,
    masked: str,
    sent: Sentence,
    statements: list[Statement],
    registry: Registry,
    lead: Source | None,
) -> list[ReactionFound]:
    """'X has been met with unease among Y', 'X drew criticism from Y', 'X was hailed
    by Y and denounced by Z'."""
    out: list[ReactionFound] = []
    segment = masked[sent.start : sent.end]
    if not _BY_OR_WITH.search(segment):
        return out  # both patterns need one of these words; skip the regexes
    # Word-set checks before the long alternations: a reception noun ("concern") or a
    # reaction participle ("hailed") must be there at all.
    low = segment.lower()
    words = _WORDS.findall(low)
    hits = []
    if not _RECEPTION_WORDS.isdisjoint(words) and _RECEPTION_HINT.search(segment):
        hits += [(m, RECEPTION_NOUNS[m.group("noun").lower()]) for m in _RECEPTION.finditer(segment)]
    if ("ed by" in low or "ed as" in low or "ed\nby" in low) and not _PASSIVE_WORDS.isdisjoint(words):
        hits += [(m, _passive_stance(m.group("verb"))) for m in _PASSIVE.finditer(segment)]
    first = min((m.start() for m, _ in hits), default=0)
    for m, stance in hits:
        who = re.split(r",|\s+who\s+|\s+which\s+", m.group("who"))[0]
        mention = analyse_np(who)
        if mention is None or mention.pronoun:
            continue
        reactor = registry.resolve(mention, sent.start + m.start("who"), sent.start)
        if reactor is None:
            continue
        # The thing reacted to is the phrase just before: "..., a decision that has been
        # met with anger" -> "a decision".
        # "The plan was welcomed by X but criticised by Y": both answer the plan
        before = re.split(r"[,;]", segment[: min(m.start(), first)])[-1]
        before = re.sub(r"\s(?:that|which)\s*$", " ", before)
        target = target_of(before, masked, sent, reactor, statements, registry, lead)
        if target is None:
            continue
        start, end = (
            sent.start + m.start("verb") if "verb" in m.groupdict() else sent.start + m.start(),
            sent.start + m.end(),
        )
        own = [st for st in statements if sent.start + m.end() <= st.start < sent.end]
        for st in statements:
            if st.speaker == reactor.name and sent.start <= st.start < sent.end:
                start, end = st.start, st.end
                break
        else:
            if own and re.match(r",\s+with\s", segment[m.end() :]):
                # "met with scepticism by investors, with one shareholder saying ...": a
                # member of the reacting group speaks for it
                start, end = own[0].start, own[0].end
        cue = m.group("verb") if "verb" in m.groupdict() else re.sub(
            r"^(?:has|have|had|was|were|is|are)\s+(?:been\s+)?",
            "",
            m.group().split(" by ")[0].split(" among ")[0].split(" from ")[0],
        )
        out.append(_reaction(reactor, stance, cue.strip(), text, start, end, target, statements))
    return out


def _passive_stance(verb: str) -> str:
    return _PARTICIPLE_STANCE.get(verb.lower(), "neutral")
