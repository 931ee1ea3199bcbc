"""The whole extraction: one pure function from article text to an Extraction.

Stages, each pure over small carriers:
quotes -> sentences -> cues/subjects/attribution (per sentence) -> coreference
-> follow-on quotations -> headline claims -> reactions -> dates and confidence.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from app.pipeline.attribution import DOCUMENT_FROM, attribute, body_start
from app.pipeline.content import Claim
from app.pipeline.coref import Registry
from app.pipeline.cues import Cue, find_cues
from app.pipeline.dates import date_in
from app.pipeline.headlines import headline_claims, headline_lines
from app.pipeline.leadins import interview_answers, interview_questions
from app.pipeline.lexicon import CLAIM_NOUNS, NOUN_LIKE_BASES, PRONOUNS, SPEECH_LEMMAS, inflect
from app.pipeline.mentions import fullest_forms, mentions_with
from app.pipeline.quotes import Quote, find_quotes, quote_mask
from app.pipeline.reactions import find_reactions
from app.pipeline.sentences import Sentence, split_sentences
from app.pipeline.speakers import Mention, Source, analyse_np, clear_caches
from app.pipeline.subjects import sentence_subject
from app.pipeline.types import Extraction, ReactionFound, Statement

EXTRACTOR_VERSION = "0.86.0"

# Subjects that are documents speak for their author: "the statement said".
_DOCUMENT_NOUNS = frozenset(
    "post statement letter note report tweet message email paper study filing document".split()
)
# "her comments confirmed ...", "their remarks suggested ...": the owner said it
_REMARK_NOUNS = _DOCUMENT_NOUNS | frozenset(
    "comment comments remark remarks words statements posts letters testimony".split())
_OWNER_PRONOUN = {"his": "he", "her": "she", "its": "it", "their": "they"}
_ONE_WORD_OK = frozenset({"call for", "call on", "urge", "deny", "demand", "promise", "pledge",
                          "welcome", "praise", "criticise", "criticize", "condemn"})
_NEEDS_CLAUSE = frozenset({"agree", "conclude", "indicate", "comment", "reason", "rule",
                           "respond", "reply", "continue",
                           "estimate", "recall", "answer", "counter", "observe",
                           "post", "concede"})  # "posted a photograph", "conceded defeat": acts
# Verbs whose object is an act unless a clause, an infinitive or a gerund follows.
_NEEDS_PROPOSAL = frozenset({"propose", "threaten", "recommend"})
_ACT_VERBS = _NEEDS_CLAUSE | _NEEDS_PROPOSAL
_RELATED_LINK = re.compile(r"(?:Related|Read more|Read also|Also read|See also|More|Watch|Listen|"
                           r"Recommended|Latest|Most read|Trending)\s*[:|–—-]", re.IGNORECASE)
# Speech verbs whose present tense the cue table drops as noun-like ("notes", "claims"):
# a feature's "she adds" is a cue all the same after a pronoun or a closing quotation.
_PRESENT_FORMS = {inflect(lemma)[1]: lemma for lemma in SPEECH_LEMMAS
                  if lemma in NOUN_LIKE_BASES and " " not in lemma}
_PRESENT_SPOTS = (" he ", " she ", " they ", "He ", "She ", "They ", "_” ", '_" ', "_’ ")
# after he/she/they the verb itself; after a closing quotation mark a name, then the verb
_PRESENT_TENSE_CUE = re.compile(r"(?:[A-Z][\w’'-]+\s+(?:[A-Z][\w’'-]+\s+)?)?(?P<verb>[a-z]+s)\b")
# Verbs whose first object is the person addressed: without a clause, a preposition
# ("warned of", "warned against") or an infinitive after it, they report no words.
_OBJECT_FIRST = frozenset({"warn", "remind", "assure"})
_CLAUSE_AFTER_OBJECT = re.compile(
    r"^(?:of|against|about|that|to)\b|\b(?:is|are|was|were|will|would|had|has|have|could|"
    r"should|may|might|must|can|cannot|did|do|does|not|to)\b")
_PRONOUN_OBJECTS = frozenset({"that", "this", "it", "them", "those", "these"})
_PRONOUN_KINDS = {"he": ("person",), "she": ("person",), "it": ("organization",),
                  "they": ("group", "organization", "unnamed")}
# Verbs that answer another's claim: the clause after "rejected the suggestion that" is
# the claim answered, not what the reactor says.
_DISOWNING = frozenset("reject dismiss dispute refute rebuff deny deride question".split())
_OTHERS_CLAIM = re.compile(r"\s+(?:(?:the|these|those|such|any|all|earlier|recent|wider)\s+)*"
                           r"(?:[a-z][\w-]*\s+)?(?:" + "|".join(sorted(CLAIM_NOUNS)) + r"|reports?|"
                           r"suggestions?|speculation|rumou?rs?)\s+that\s*")
# "The report, published by the Institute for Fiscal Studies on Tuesday, said"
_AUTHORED_BY = re.compile(r"\b(?:published|issued|released|written|commissioned|produced|"
                          r"compiled|prepared)\s+by\s+(\w[^,;:]*?)"
                          r"(?=\s+(?:on|last|this|earlier)\b|\s*[,;:]|\s+said\b)")
_QUOTE_ONLY = re.compile(r"[\s“”\"‘’_.,!?;:—–-]*")
_DOUBLE_MARK = re.compile(r"[“”\"]")
_ANY_MARK = re.compile(r"[“”\"‘]")
# "said little", "said more about it", but not "said more work was needed"
_SAID_NOTHING = re.compile(r"(?:little|nothing|anything|so(?!\s+far)|"
                           r"(?:much|more|less)(?=\s+(?:about|on)\b|\s*[,.;]|\s*$))\b")
_PROPOSAL_OBJECT = re.compile(r"to\s|\w+ing\b")
_AS = re.compile(r"\bas\b")
_OF = re.compile(r"\bof\b")
_WORD = re.compile(r"\w+")
_OWNER_END = re.compile(r"\w[’']s?$")
# "US" and "IT" are names; "Us", "It" and "I've" are not
_PRONOUN_NAME = re.compile(r"(?:I|[Ww]e|[Yy]ou|[Tt]hey|[Hh]e|[Ss]he|[Ii]t|[Mm]e|[Uu]s|[Tt]hem)"
                           r"(?:[’'](?:ve|m|re|ll|d|s))?")


@dataclass(slots=True)
class _Found:
    """A statement in progress: the claim, its source and its sentence (mutable, since a
    following quotation may extend it)."""

    claim: Claim | None
    source: Source
    sentence: Sentence
    start: int
    end: int
    kind: str
    confidence: float
    cue: str


def extract(text: str, published_on: date | None = None) -> Extraction:
    """Find attributed statements, their speakers and reactions in `text`.

    >>> ex = extract('"We will act," Ana Ruiz, the health minister, said on Monday.')
    >>> ex.statements[0].speaker, ex.statements[0].text
    ('Ana Ruiz', 'We will act,')
    """
    clear_caches()  # per-article memos only: a replicated benchmark must not ride on them
    quotes = find_quotes(text)
    masked = quote_mask(text, quotes)
    sentences = split_sentences(text, quotes)
    q_starts = [q.start for q in quotes]
    doc_cues = find_cues(masked, 0, len(masked))
    if (present := _present_cues(masked)):
        doc_cues = sorted({(c.start, c.end): c for c in (*doc_cues, *present)}.values(),
                          key=lambda c: c.start)
    cue_starts = [c.start for c in doc_cues]
    titles = headline_lines(masked, sentences)
    title_end = sentences[titles].start if 0 < titles < len(sentences) else 0
    registry = Registry(masked, [(s.start, s.end) for s in sentences], title_end)
    questions = interview_questions(text) if "Q" in text else []
    found: list[_Found] = []
    claims_by_sentence: list[tuple[Sentence, list[tuple[Claim, Source]]]] = []
    for k, sent in enumerate(sentences):
        resolved: list[tuple[Claim, Source]] = []
        if _RELATED_LINK.match(masked, sent.start, sent.end):
            continue  # "Read more: Minister says ..." is a link to another article
        claims = attribute(text, masked, sent, quotes, q_starts, doc_cues, cue_starts)
        if k < titles:  # a title's verb ("Acme announces cuts") attributes nothing
            claims = [c for c in claims if c.cue.lemma == ":"]
        if questions and any(a <= sent.start < b for a, b in questions):
            claims = []  # an interviewer's question quotes nobody
        for claim in claims:
            source = _source_of(claim, resolved, found, registry, body_start(masked, sent))
            if source is None:
                continue
            resolved.append((claim, source))
            if not _nested(claim, claims):
                registry.note_subject(source, claim.cue.start, text[claim.start : claim.end])
            item = _as_statement(text, claim, source, sent)
            if item is not None:
                found.append(item)
        if not resolved and _QUOTE_ONLY.fullmatch(masked[sent.start : sent.end]):
            _follow_on(text, sent, quotes, q_starts, found)
        claims_by_sentence.append((sent, resolved))
    _interview(text, sentences, found, registry)
    for src, start, end, sent in headline_claims(text, masked, sentences, registry):
        found.append(_Found(None, src, sent, start, end, "indirect", 0.55, ":"))
    found.sort(key=lambda f: f.start)
    statements = _finish(text, found, published_on)
    reactions = find_reactions(text, masked, claims_by_sentence, statements, registry)
    statements, reactions = _current_names(registry, statements, reactions)
    # Whatever stage named it, a pronoun or a contraction ("I've") is nobody's name.
    statements = [s for s in statements if not _PRONOUN_NAME.fullmatch(s.speaker)]
    reactions = [r for r in reactions if not _PRONOUN_NAME.fullmatch(r.reactor)]
    used = (
        {s.speaker for s in statements}
        | {r.reactor for r in reactions}
        | {r.target_speaker for r in reactions if r.target_speaker}
    )
    speakers = tuple(src.freeze() for src in registry.speakers() if src.name in used)
    # Here rather than at storage: extraction runs in the worker processes, storage in
    # the one writer, which on SQLite holds the write lock while it works.
    fullest = fullest_forms(speakers)
    statements = [replace(s, mentions=mentions_with(s.text, fullest)) for s in statements]
    return Extraction(speakers=speakers, statements=tuple(statements), reactions=tuple(reactions))


def _present_cues(masked: str) -> list[Cue]:
    """'"...," she adds.', 'He notes that ...': verbs the cue table leaves out in the
    present tense, where they are mostly nouns ("the adds", "notes"), after he, she or
    they, or after a closing quotation mark and a name. (Plain substring searches find
    the few places to look: a regex over the whole text costs more than the rest.)"""
    spots: list[int] = []
    for key in _PRESENT_SPOTS:
        at = masked.find(key)
        while at >= 0:
            spots.append(at + len(key))
            at = masked.find(key, at + 1)
    out: list[Cue] = []
    for at in spots:
        m = _PRESENT_TENSE_CUE.match(masked, at)
        if m is not None and m.group("verb").lower() in _PRESENT_FORMS:
            verb = m.group("verb")
            out.append(Cue(m.start("verb"), m.end("verb"), verb, _PRESENT_FORMS[verb.lower()],
                           "speech"))
    return out


def _current_names(registry: Registry, statements: list[Statement],
                   reactions: list[ReactionFound]) -> tuple[list[Statement], list[ReactionFound]]:
    """Point every speaker field at its source's final name.

    A source may learn a fuller name after a statement or reaction was built from it
    ("Acme" becomes "Acme Shipping Group"); the old name is then one of its aliases.
    """
    final: dict[str, str] = {}
    for src in registry.speakers():
        for alias in (*src.aliases, src.name):
            final.setdefault(alias, src.name)
        final[src.name] = src.name
    statements = [s if final.get(s.speaker, s.speaker) == s.speaker
                  else replace(s, speaker=final[s.speaker]) for s in statements]
    fixed: list[ReactionFound] = []
    for r in reactions:
        for name in (r.reactor, r.target_speaker):
            if name and name not in final:  # named by a later stage only: register it
                final[name] = registry.add_source(name).name
        reactor = final[r.reactor]
        target = final[r.target_speaker] if r.target_speaker else None
        if target != reactor:  # nobody reacts to themselves
            fixed.append(replace(r, reactor=reactor, target_speaker=target))
    return statements, fixed


def _interview(text: str, sentences: list[Sentence], found: list[_Found],
               registry: Registry) -> None:
    """'A: ...' lines of a transcript are the interviewee's: the person quoted most."""
    answers = interview_answers(text)
    if not answers:
        return
    people = [f.source for f in found if f.source.kind == "person"]
    if people:
        source = max(set(map(id, people)), key=lambda k: sum(id(p) == k for p in people))
        who = next(p for p in people if id(p) == source)
    elif registry.people:  # nobody quoted by a cue: the person the piece introduces
        name = registry.people[0][1]
        who = registry.add_source(name)
    else:
        return
    starts = [s.start for s in sentences]
    for start, end in answers:
        sent = sentences[max(0, bisect_left(starts, start + 1) - 1)]
        found.append(_Found(None, who, sent, start, end, "direct", 0.5, "A:"))


def _nested(claim: Claim, claims: list[Claim]) -> bool:
    """Whether the claim's subject sits inside another claim's content ('X said Y told
    her ...'); such subjects are not what a following 'she' refers to."""
    at = claim.subject.start if claim.subject else claim.cue.start
    return any(o is not claim and o.start <= at < o.end for o in claims)


def _opening_person(registry: Registry, sentence_start: int, pos: int,
                    pronoun: str) -> Source | None:
    """The named person whose sentence a 'he' or 'she' sits inside, who is who that
    pronoun means: 'Tom Baird thanked his staff and praised Ana Ruiz on what he called "a
    fair fight"' - Baird, not whoever spoke before."""
    if pos - sentence_start < 12:
        return None  # the pronoun opens the sentence
    subj = sentence_subject(registry._masked, sentence_start, pos)
    if subj is None or subj.end >= pos:
        return None
    m = subj.mention
    if m.pronoun or m.definite or m.kind != "person" or not m.name.split()[-1][:1].isupper():
        return None
    src = registry.resolve(m, subj.start, sentence_start)
    return src if src is not None and src.kind == "person" and src.gender in (None, pronoun) else None


def _source_of(
    claim: Claim,
    resolved: list[tuple[Claim, Source]],
    found: list[_Found],
    registry: Registry,
    sentence_start: int,
) -> Source | None:
    """Resolve the claim's subject; inherited subjects take the previous cue's source."""
    if claim.inherit:
        return resolved[-1][1] if resolved else None
    subj = claim.subject
    if subj is None:
        return None
    mention = subj.mention
    if _OWNER_END.search(mention.surface):
        return None  # "residents' fears that ...": an owner of fears, no speaker
    if mention.pronoun and mention.pronoun == mention.surface.lower():
        for outer, src in reversed(resolved):
            if outer.start <= subj.start < outer.end and src.kind in _PRONOUN_KINDS[mention.pronoun]:
                return src  # "River Watch said it had warned ...": "it" is River Watch
        if mention.pronoun in ("he", "she") and (opener := _opening_person(
                registry, sentence_start, subj.start, mention.pronoun)) is not None:
            return opener  # "Ruiz put it down to what she called ...": Ruiz
    document = DOCUMENT_FROM.match(mention.surface)
    if document and (author := analyse_np(mention.surface[document.end() :])) is not None:
        mention = author  # the author of "a statement from the ministry" is the ministry
    head = mention.name.lower().split()[-1] if mention.name else ""
    owner = _OWNER_PRONOUN.get(mention.surface.split()[0].lower(), "") if mention.definite else ""
    if owner and head in _REMARK_NOUNS and len(mention.surface.split()) == 2:
        # "Her comments confirmed ...": she is the speaker, not "comments"
        return _source_of(replace(claim, subject=replace(subj, mention=Mention(
            owner, PRONOUNS[owner], owner, pronoun=owner))), resolved, found, registry,
            sentence_start)
    if mention.definite and head in _DOCUMENT_NOUNS:
        by = _AUTHORED_BY.search(registry._masked, subj.end, claim.cue.start)
        if by and (author := analyse_np(by.group(1))) is not None and not author.pronoun:
            # "The report, published by the Institute for Fiscal Studies, said": its author
            return registry.resolve(author, by.start(1), sentence_start)
        # "the post said": the document speaks for whoever wrote it, the last source;
        # with none yet, the organisation named last ("The Office published a report").
        return found[-1].source if found else registry.last_organisation(subj.start)
    source = registry.resolve(mention, subj.start, sentence_start)
    if source is None and mention.pronoun == "it":
        # nobody has spoken yet: the organisation named last ("Acme cut its forecast. ...,
        # it said"; "Acme has 9 shops, according to its website")
        source = registry.last_organisation(subj.start)
    if source is not None:
        for role in subj.roles:
            # An apposition is a role, not a name: "the fisheries commissioner" stays out of
            # the aliases, which later articles match names against.
            if role and not source.role and mention.kind == "person":
                source.role = role
            if role and role not in source.roles:
                source.roles.append(role)
    return source


def _content_kind(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Direct when the content is one quotation (marks dropped), mixed when it has one."""
    inner = text[start:end]
    if inner[:1] in '“"‘' and inner[-1:] in '”"’' and not _DOUBLE_MARK.search(inner[1:-1]):
        return start + 1, end - 1, "direct"
    if _ANY_MARK.search(inner):
        return start, end, "mixed"
    return start, end, "indirect"


# Content that is only a time: the "cue" before it was a participle ("funds announced in
# May", "figures published on Monday").
_WHEN_ONLY = re.compile(
    r"\s*(?:(?:last|next|this|earlier|later)\s+(?:year|month|week|\w+day|spring|summer|autumn|"
    r"winter)|(?:on|in|since|during)\s+\w+|yesterday|today|earlier|recently)\s*[.,]?\s*", re.I)


def _as_statement(text: str, claim: Claim, source: Source, sent: Sentence) -> _Found | None:
    cue = claim.cue
    start, end = claim.start, claim.end
    if end <= start:
        return None
    kind = claim.kind
    if kind != "direct":
        start, end, kind = _content_kind(text, start, end)
    content = text[start:end]
    if cue.lemma == "say" and _SAID_NOTHING.match(content):
        return None  # "officials have said little about the cause"
    if cue.lemma in _DISOWNING and not claim.backward and _OTHERS_CLAIM.fullmatch(
            text, cue.end, claim.start):
        return None  # "rejected suggestions that X": X is someone else's claim, not hers
    if cue.lemma in _OBJECT_FIRST and kind == "indirect" and not (
            claim.via_that or claim.backward or _CLAUSE_AFTER_OBJECT.search(content)):
        return None  # "nurses had warned managers for years": a person warned, nothing said
    if cue.lemma == "read" and not claim.backward:
        return None  # '"...," the statement read' - never 'she read the report'
    if cue.lemma in _NEEDS_CLAUSE and not (claim.via_that or claim.backward or kind != "indirect"):
        return None  # "agreed to extend sanctions" is an act; "agreed that ..." is speech
    if cue.lemma in _NEEDS_PROPOSAL and kind == "indirect" and not (
            claim.via_that or claim.backward or _PROPOSAL_OBJECT.match(content)):
        return None  # "proposed indicators", "threatened staff": acts, not words
    if (
        cue.tier == "reaction"
        and kind == "indirect"
        and not claim.via_that
        and not _AS.search(content)
        and not (cue.lemma == "accuse" and _OF.search(content))
    ):
        return None  # "welcomed the decision" is a reaction, not a statement
    relative = claim.subject is not None and claim.subject.relative and cue.lemma != "say"
    if (cue.tier == "thought" or relative) and not claim.via_that:
        return None
    if content.strip(" .!").lower() in _PRONOUN_OBJECTS:
        return None  # "Kowal denied that.": a reaction, with nothing said
    if kind == "indirect" and _WHEN_ONLY.fullmatch(content):
        return None  # "two routes announced in March": a participle, and a time
    # "called for calm", "denied wrongdoing": objects may be one word; clauses not.
    if _fewer_words(content, 1 if cue.lemma in _ONE_WORD_OK or kind == "direct" else 2):
        return None
    return _Found(claim, source, sent, start, end, kind, _confidence(claim, source, kind), cue.text)


def _fewer_words(content: str, n: int) -> bool:
    """Whether `content` has fewer than `n` words, reading no further than word n."""
    pos = 0
    for _ in range(n):
        m = _WORD.search(content, pos)
        if m is None:
            return True
        pos = m.end()
    return False


def _confidence(claim: Claim, source: Source, kind: str) -> float:
    """Ordered evidence: explicit named subject and a plain speech verb rank highest."""
    score = {"direct": 0.9, "mixed": 0.85, "indirect": 0.78}[kind]
    if claim.cue.tier == "thought":
        score -= 0.3
    elif claim.cue.tier == "reaction":
        score -= 0.1
    elif claim.cue.tier == "according":
        score -= 0.05
    if claim.cue.lemma == ":":
        score -= 0.1  # a colon or dash lead-in, without a verb of saying
    elif claim.cue.lemma in _ACT_VERBS:
        score -= 0.05  # verbs that also name acts
    mention = claim.subject.mention if claim.subject else None
    if claim.inherit:
        score -= 0.05
    elif mention is not None and (mention.pronoun or mention.definite):
        score -= 0.08
    if source.kind in ("group", "unnamed"):
        score -= 0.04
    return round(max(0.05, min(0.99, score)), 3)


def _follow_on(
    text: str, sent: Sentence, quotes: list[Quote], q_starts: list[int], found: list[_Found]
) -> None:
    """A sentence that is only a quotation continues the previous speaker's quote."""

    k = bisect_left(q_starts, sent.start)
    if k >= len(quotes) or quotes[k].start > sent.end or not found:
        return
    q = quotes[k]
    last = found[-1]
    if (
        sent.paragraph == last.sentence.paragraph
        and last.kind == "direct"
        and (last.claim is not None and last.claim.backward)
    ):
        last.end, last.sentence = q.end, sent
        return
    if sent.paragraph - last.sentence.paragraph > 1:
        return
    found.append(_Found(None, last.source, sent, q.start, q.end, "direct", 0.6, last.cue))


def _finish(text: str, found: list[_Found], published: date | None) -> list[Statement]:
    """Build Statements with dates: explicit near the cue, else the speaker's last, else
    the publication date."""
    last_date: dict[str, date] = {}
    out: list[Statement] = []
    seen: set[tuple[int, int, str]] = set()
    for f in found:
        key = (f.start, f.end, f.source.name)
        if key in seen:
            continue
        seen.add(key)
        spans = [(f.sentence.start, f.start), (f.end, f.sentence.end)]
        when = date_in(text, spans, published) or last_date.get(f.source.name) or published
        if when is not None:
            last_date[f.source.name] = when
        mention = ""
        if f.claim is not None and f.claim.subject is not None:
            mention = " ".join(text[f.claim.subject.start : f.claim.subject.end].split())
        out.append(
            Statement(
                f.source.name,
                text[f.start : f.end],
                f.kind,  # type: ignore[arg-type]
                " ".join(f.cue.split()),  # a cue wrapped over lines ("called\nfor")
                mention or f.source.name,
                f.start,
                f.end,
                when,
                f.confidence,
            )
        )
    return out
