"""Find the noun phrase that governs a cue: before it, after it, or inherited.

Ana Ruiz, the EU's fisheries commissioner, said ...      subject before, apposition
"We will act," said Dr. Ana Ruiz, a virologist.     subject after (inversion)
..., the ministry said on Monday, adding that ...    "adding" inherits "the ministry"
"""

import re
from dataclasses import dataclass

from app.pipeline.lexicon import DETERMINERS, INTRO_WORDS, SOURCE_NOUNS
from app.pipeline.speakers import LEADERS, Mention, analyse_np

# The alternations below open with the class of the characters a match can begin with,
# each alternative then checking behind it the one it needs: a search skips in C to the
# next candidate instead of trying every alternative at every offset.
_CHUNK_SPLIT = re.compile(r"[,“”\"‘’](?:(?<=,)(?!\d{3}\b)|(?<=[“”\"‘])|(?<=_’))")
_SPACE = re.compile(r"\s")
_PAST = re.compile(r"[a-z]+ed")
_RELATIVE = frozenset({"who", "which", "whose", "whom", "where", "when"})
_NUMBER = re.compile(r"^\s*(?:\d[\d,.]*|aged \d+)\s*$")
_BOUNDARY = re.compile(r"[:;\st](?:(?<=[:;])|(?<=\s)[—–]\s|(?<=\s)-\s|(?<=\bt)hat\b)")
_AUX = (r"(?:has|have|had|also|later|then|too|again|previously|publicly|privately|"
        r"repeatedly|reportedly|recently|further)")
# "(?:\s+AUX)+\s*$" with its first whitespace character taken out in front, so that a
# search skips to whitespace in C.
_TRAILING_AUX = re.compile(rf"\s\s*{_AUX}(?:\s+{_AUX})*\s*$")
_SUBORDINATORS = re.compile(
    r"\s*(?:while|but|and|though|although|as|whereas|so|yet|"
    r"meanwhile|however)\s+",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"\s*([\w’'-]+)")
_WORD_START = re.compile(r"(?:^|\s)(?=\S)")
_RELATIVE_CLAUSE = re.compile(r"\s(?:who|which|whose)\s")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_AFTER_NAME = re.compile(r"\s(?:on|in|at|after|during|before|late|earlier)\s")
_FINITE = re.compile(r"\b(?:is|are|was|were|has|had|have|will|would|could|can|did)\b|_")
_NON_SPACE = re.compile(r"\S+")
# Unions of word lists, built once rather than at each test in a loop.
_DETERMINERS_OR_SOURCES = DETERMINERS | SOURCE_NOUNS
_PREPS = frozenset(
    {
        "in",
        "on",
        "at",
        "of",
        "for",
        "from",
        "with",
        "to",
        "among",
        "by",
        "about",
        "against",
        "between",
        "into",
        "over",
        "under",
        "amid",
    }
)
_PREPS_OR_DETERMINERS = _PREPS | DETERMINERS


@dataclass(frozen=True, slots=True)
class Subject:
    mention: Mention
    start: int
    end: int
    roles: tuple[str, ...] = ()
    relative: bool = False  # "allies, who fear that ...": needs a that-clause


def _strip_span(masked: str, a: int, b: int) -> tuple[int, int]:
    while a < b and masked[a] in " \t\n,":
        a += 1
    while b > a and masked[b - 1] in " \t\n,":
        b -= 1
    return a, b


def clause_start(masked: str, lo: int, cue_start: int) -> int:
    """Start of the clause that ends at a cue: after the last colon, dash, closing quote
    or complementiser between `lo` and the cue."""
    start = lo
    for m in _BOUNDARY.finditer(masked, lo, cue_start):
        start = m.end()
    return start


def _chunks(masked: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, last = [], lo
    for m in _CHUNK_SPLIT.finditer(masked, lo, hi):
        out.append((last, m.start()))
        last = m.end()
    out.append((last, hi))
    return [_strip_span(masked, a, b) for a, b in out if masked[a:b].strip()]


def _last_word(s: str) -> str:
    words = s.split()
    return words[-1] if words else ""


def _first_word(s: str) -> str:
    m = _FIRST_WORD.match(s)
    return m.group(1).lower() if m else ""


def is_intro(chunk: str) -> bool:
    """'In Moscow', 'Asked whether ...', 'Speaking at ...', '2025', '- Key point:'."""
    word = _first_word(chunk)
    if _NUMBER.match(chunk) or not word:
        return True
    return (word in INTRO_WORDS and word not in LEADERS) or (
        word.endswith("ing")
        and chunk.strip()[:1].isupper()
        and word not in SOURCE_NOUNS
        and len(chunk.split()) > 1
        and chunk.split()[1][:1].islower()
    )


def trailing_np(masked: str, lo: int, hi: int) -> tuple[Mention, int] | None:
    """The longest noun phrase that ends at `hi` ("... concern among some allies")."""
    text = masked[lo:hi]
    prev = ""
    for m in _WORD_START.finditer(text):
        rest = text[m.end() :]
        word, before = _first_word(rest), prev
        prev = word
        if word in _PREPS or word in INTRO_WORDS and word not in DETERMINERS:
            continue
        opens = m.start() == 0 or before in _PREPS  # "... among commuter groups"
        if rest[:1].islower() and not opens and word not in _DETERMINERS_OR_SOURCES:
            continue
        mention = analyse_np(rest)
        if mention is not None:
            return mention, lo + m.end()
    return None


# "on what he called", "in what traders described as": a free relative clause whose
# subject is the speaker (a literal "what " is searched first, then this pattern).
_FREE_RELATIVE = re.compile(r"\bwhat\s(?=(?:[\w’'.-]+\s+){0,5}$)")

# A group described by a clause after it: "Some islanders who attended said", "Several
# passengers reached by the Gazette said", "Residents stopped on Friday said".
_MODIFIED_GROUP = re.compile(
    r"(?P<np>(?:(?P<q>[Ss]ome|[Ss]everal|[Mm]any|[Mm]ost|[Ff]ew|[Oo]ther|[Dd]ozens\s+of|"
    r"[Hh]undreds\s+of|[Tt]housands\s+of|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|"
    r"[Aa]\s+(?:number|group|handful)\s+of)\s+)?(?:[a-z][\w-]*\s+){0,2}(?P<head>[A-Za-z][a-z-]+s))"
    r"\s+(?:who|that|[a-z]{3,}ed|spoken\s+to)\s")

# "who", "who first", "which had earlier": a relative pronoun with the adverbs and
# auxiliaries that may stand between it and its verb.
_RELATIVE_OPENING = re.compile(r"(?:who|which|that)(?:\s+(?:\w+ly|first|also|once|then|later|"
                               r"earlier|had|has|have|never|still|often))*")

# "every match it questioned", "the plan she backed": a noun, then a pronoun subject
# and its verb, with no "that" between - a relative clause, not a cue's subject.
_REDUCED_RELATIVE = re.compile(r"\b([a-z]+)\s+(?:it|he|she|they|we)\s*$")
_BEFORE_A_SUBJECT = frozenset("""
and but or nor so yet that which who whom when where while as because since if though although
after before until unless once than whether said says added say then also still now later
""".split())

# "that share", "who run": a relative clause's verb, whose object is nobody's subject.
_RELATIVE_VERB = re.compile(r"\b(?:that|who|which)\s+[a-z]+\s+$")


def subject_before(masked: str, lo: int, cue_start: int) -> Subject | None:
    """Subject of a cue from the words before it, skipping intros and asides.

    >>> subject_before(t := "In Lima, Ana Ruiz, who chairs the panel, said", 0, len(t) - 4).mention.name
    'Ana Ruiz'
    """
    lo = clause_start(masked, lo, cue_start)
    if masked.find("what ", lo, cue_start) >= 0 and (
            what := _FREE_RELATIVE.search(masked, lo, cue_start)) is not None:
        lo = what.end()  # "put it down to what he called ...": the cue's subject is "he"
    aux = _TRAILING_AUX.search(masked, lo, cue_start)
    hi = aux.start() if aux else cue_start
    chunks = _chunks(masked, lo, hi)
    if not chunks:
        return None
    last_a, last_b = chunks[-1]
    if _RELATIVE_OPENING.fullmatch(masked[last_a:last_b].strip().lower()):
        # "some allies, who fear that ...": the antecedent is the subject.
        if len(chunks) < 2:
            return None
        found = trailing_np(masked, *chunks[-2])
        return Subject(found[0], found[1], chunks[-2][1], relative=True) if found else None
    if not masked[lo:hi].rstrip().endswith(","):
        return _last_chunk_subject(masked, last_a, last_b)
    return _apposed_subject(masked, chunks)


def _last_chunk_subject(masked: str, a: int, b: int) -> Subject | None:
    """'..., election officials said': the chunk touching the cue is the subject."""
    sub = _SUBORDINATORS.match(masked, a, b)
    if sub:
        a = sub.end()
    # A participle touching the cue is a modifier ("Shipping agents said"), not an
    # intro ("Speaking in Rome, X said"), which a comma always closes.
    if _first_word(masked[a:b]) in INTRO_WORDS or _NUMBER.match(masked[a:b]):
        return None
    if (reduced := _REDUCED_RELATIVE.search(masked, a, b)) is not None and (
            reduced.group(1) not in _BEFORE_A_SUBJECT):
        return None  # "for every match it questioned": a clause on a noun, no cue of its own
    if (group := _MODIFIED_GROUP.match(masked, a, b)) is not None and (
            group.group("q") or group.group("head").lower() in SOURCE_NOUNS) and (
            mention := analyse_np(group.group("np"))) is not None:
        # "Several passengers reached by the Gazette said": the group, not the Gazette
        return Subject(mention, a, a + len(group.group("np")))
    mention = analyse_np(masked[a:b])
    if mention is None:
        found = trailing_np(masked, a, b)
        # "criticised the decision on the late-night show": after a preposition, an object
        while found is not None and _first_word(_last_word(masked[a : found[1]])) in _PREPS_OR_DETERMINERS:
            space = _SPACE.search(masked, found[1], b)
            found = trailing_np(masked, space.start(), b) if space else None
        if found is None:
            return None
        if _RELATIVE_VERB.search(masked, max(0, found[1] - 40), found[1]):
            return None  # "countries that share the Lune river agreed": an object, no subject
        mention, a = found
    return Subject(mention, *_strip_span(masked, a, b))


def _apposed_subject(masked: str, chunks: list[tuple[int, int]]) -> Subject | None:
    """'Ana Ruiz, the minister, said' or 'His lawyer, Ana Ruiz, who ..., said'."""
    subj: Subject | None = None
    roles: list[str] = []
    aside = False
    for a, b in chunks:
        chunk = masked[a:b]
        word = _first_word(chunk)
        if subj is None:
            if is_intro(chunk):
                continue
            mention = analyse_np(chunk)
            if mention is not None:
                subj, roles, aside = Subject(mention, a, b), [], False
            continue
        if aside or "_" in chunk:
            continue
        if word.endswith("ed") and (named := analyse_np(chunk)) is not None and (
                named.kind == "person" and not _is_description(named)):
            # "the board's chair, retired harbour master Rosa Ekwall,": an adjective, then a name
            subj, roles = _merge_apposition(subj, named, a, b, roles)
            continue
        if word in _RELATIVE or word.endswith(("ing", "ed")) or _NUMBER.match(chunk):
            aside = True  # "who ...", "speaking on ...", "published by ...", "54"
            continue
        if word in LEADERS or word in INTRO_WORDS:
            continue  # "X, however, said"
        appos = analyse_np(chunk)
        if appos is None:
            # "a lawyer who advises carriers": an apposition with a relative clause.
            roles.append(_role_text(chunk))
            aside = True
            continue
        subj, roles = _merge_apposition(subj, appos, a, b, roles)
    if subj is None:
        return None
    return Subject(subj.mention, subj.start, subj.end, tuple(r for r in roles if r))


def _merge_apposition(
    subj: Subject, appos: Mention, a: int, b: int, roles: list[str]
) -> tuple[Subject, list[str]]:
    """Keep the named one of 'His lawyer, Ana Ruiz,' or 'Ana Ruiz, the minister,'."""
    named = (
        subj.mention.kind in ("person", "organization")
        and not subj.mention.definite
        and not subj.mention.pronoun
        and subj.mention.name.split()[-1][:1].isupper()  # not "Spain's weather agency"
    )
    if not named and appos.kind in ("person", "organization") and not appos.definite:
        # The span keeps its start: "His lawyer, Ana Ruiz," is one subject phrase.
        return Subject(appos, subj.start, b), [*roles, _role_text(subj.mention.surface)]
    return subj, [*roles, _role_text(appos.surface)]


def _role_text(phrase: str) -> str:
    phrase = _RELATIVE_CLAUSE.split(" ".join(phrase.split()))[0].rstrip(".")
    return _LEADING_ARTICLE.sub("", phrase).strip()


def subject_after(masked: str, cue_end: int, hi: int) -> Subject | None:
    """Subject of an inverted cue: '"...," said Dr. Ana Ruiz, a virologist at ...'."""
    chunks = _chunks(masked, cue_end, hi)
    if not chunks:
        return None
    a, b = chunks[0]
    text = masked[a:b]
    stop = _AFTER_NAME.search(text)
    if stop and stop.start() > 0:
        b = a + stop.start()
    a, b = _strip_span(masked, a, b)
    if _FINITE.search(masked[a:b]):
        return None  # a clause, not an inverted subject
    mention = analyse_np(masked[a:b])
    if mention is None or mention.pronoun and masked[a:b].strip().lower() == "it":
        return None
    appos = [(c, d, m) for c, d in chunks[1:2] if (m := analyse_np(masked[c:d])) is not None]
    if appos and _is_description(mention) and not _is_description(appos[0][2]):
        # "said the study's lead author, Dr. Ana Ruiz": the name, with the description as role
        c, d, named = appos[0]
        return Subject(named, a, d, (_role_text(masked[a:b]),))
    roles = [_role_text(masked[c:d]) for c, d, _ in appos]
    return Subject(mention, a, b, tuple(roles))


def _is_description(m: Mention) -> bool:
    return m.definite or m.pronoun is not None or not m.name.split()[-1][:1].isupper()


def _apposed_name(masked: str, a: int, comma: int, b: int) -> Mention | None:
    """The name put after a description that opens a sentence ('Varnia's trade minister,
    Elke Sund,'), or None when the part before the comma names someone itself."""
    rest = masked[comma + 1 : b].strip(" ,")
    if not rest[:1].isupper() or "," in rest:
        return None
    head = analyse_np(masked[a:comma])
    if head is None or not _is_description(head) or head.kind not in ("person", "unnamed"):
        return None
    named = analyse_np(rest)
    if named is None or named.kind != "person" or _is_description(named):
        return None
    return named


def sentence_subject(masked: str, lo: int, hi: int) -> Subject | None:
    """The noun phrase that opens a sentence, up to its first verb: 'Spokeswoman Ana Ruiz
    declined to say ... but confirmed that ...' -> Ana Ruiz.

    An opening clause closed by a comma is skipped: in 'Asked whether ..., Ruiz smiled
    and said ...' the subject is Ruiz, not the participle.
    """
    while (comma := masked.find(",", lo, hi)) > 0 and is_intro(masked[lo:comma]):
        lo = comma + 1
    words = list(_NON_SPACE.finditer(masked[lo:hi]))[:10]
    best: Subject | None = None
    for k in range(1, len(words)):
        following = words[k].group()
        if not following[:1].islower() or following in ("of", "for", "and", "de", "van"):
            continue  # the subject ends where a lower-case verb begins
        a, b = _strip_span(masked, lo, lo + words[k - 1].end())
        if (comma := masked.find(",", a, b)) > a:
            named = _apposed_name(masked, a, comma, b)
            if named is not None:
                # "Oskaria's farm minister, Elke Sund, flew in": the name, with its role
                return Subject(named, a, b, (_role_text(masked[a:comma]),))
            b = comma  # "chairman Tom Hale, 64, shook his head": the aside is no subject
        mention = analyse_np(masked[a:b])
        if mention is not None and not mention.pronoun or mention is not None and k == 1:
            best = Subject(mention, a, b)
        if best is not None and _PAST.fullmatch(following):
            break  # "the minister declined to ...": a past tense ends the subject
    return best
