"""Speaker mentions and their resolution to one canonical source per article.

A mention is the noun phrase that governs a cue ("Defence Minister Jan Kowal",
"Kowal", "the minister", "she", "two diplomats"). `analyse_np` reads one such
phrase; `Registry` merges mentions into sources, keeping the fullest name, every
surface form and the role learned from titles and appositions.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.pipeline.lexicon import (
    DATA_NOUNS,
    DEMONYMS,
    DETERMINERS,
    FIRST_PERSON,
    HONORIFICS,
    ORG_NOUNS,
    ORG_WORDS,
    PRONOUNS,
    SENTENCE_STARTERS,
    SOURCE_NOUNS,
    TITLE_QUALIFIERS,
    TITLE_WORDS,
)
from app.pipeline.types import SpeakerKind, SpeakerRef

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
PARTICLE = r"(?:van|von|der|den|de|del|della|da|di|du|la|le|dos|das|al|el|bin|ibn|ter|ten|y)"
_ABBREVIATED_TITLES = "Dr Mr Mrs Ms Prof St Gen Sen Rep Gov Lt Col Sgt Capt Jr Sr".split()
_TITLE_ABBR = rf"(?:{'|'.join(_ABBREVIATED_TITLES)})\."
_CAP = (
    rf"(?:{_TITLE_ABBR}|[{UPPER}]\.(?:[{UPPER}]\.)+|[{UPPER}]\.(?=\s+[{UPPER}])"
    rf"|[{UPPER}](?:[\w’'\-]*\w)?(?:[’'](?:s\b)?)?|Ó|Ní)"
)
# _CAP once its first capital is read: the same alternatives in the same order, each
# checking behind it the capital it needs.
_CAP_REST = (
    rf"(?:(?<=[{''.join(sorted({t[0] for t in _ABBREVIATED_TITLES}))}])"  # one test for most capitals
    rf"(?:{'|'.join(f'(?<={t[0]}){t[1:]}' for t in _ABBREVIATED_TITLES)})\."
    rf"|\.(?:[{UPPER}]\.)+|\.(?=\s+[{UPPER}])"
    rf"|(?:[\w’'\-]*\w)?(?:[’'](?:s\b)?)?|(?<=Ó)|(?<=N)í)"
)
# Names may run over a wrapped line and take particles ("Jan van der Berg") and, for
# organisations, linking words ("Bank of Portugal", "Institute for Fiscal Studies").
# The first _CAP is written as its capital followed by _CAP_REST: a pattern that opens
# with a character class lets a search skip to the next capital in C, instead of trying
# every alternative at every offset (three times faster on news copy).
NAME_RUN = re.compile(rf"[{UPPER}]{_CAP_REST}(?:[ \t\n]+(?:(?:{PARTICLE}|of|for|and|&)[ \t\n]+)*{_CAP})*")
_LINK_END = re.compile(r"(?:\s+(?:of|for|and|&))+$")
_ACRONYM_PAREN = re.compile(r"\s*\([^()]{1,24}\)")  # "(AIU)", "(R-Texas)"
_TOKEN = re.compile(r"[\w’'\-.&]+")
_POSSESSIVE = re.compile(r"[’']s?$")
# "the policy-maker", "the strategist", "the historian": a person, even if unlisted.
_AGENT_NOUN = re.compile(r"(?:maker|ist|ian)$")
# Agent nouns that name firms, not people, and other bodies' type words.
_FIRM_NOUNS = frozenset(
    "carmaker automaker drugmaker chipmaker planemaker steelmaker toymaker charity".split())
_AGE = re.compile(r"\d+-year-old")
_NAME_GLUE = re.compile(r"\s+(?:of|for|in|on|and|&|de|du|van|the|of\s+the|in\s+the|for\s+the)\s+")
_TRAILING_WHEN = re.compile(
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|yesterday|today|last\s+week|this\s+week)$")
_REPORTER = re.compile(r"(?:this|our|your)\s+(?:reporter|correspondent|newspaper|paper|journalist|"
                       r"writer|columnist|website|station|programme|program)\b")
_FAMILIAR = re.compile(r"\s(?:familiar|close|involved|briefed|knowledgeable|connected|based|"
                       r"living|working|stationed)(?:\s|$)")  # "a nurse based at ..." 
# "One day, ...", "One reason ...": a time or a thing counted, no one speaking
_ONE_NOT_SOURCES = frozenset("day week month year time thing reason problem way point issue "
                             "question option example factor answer".split())
_PREP_SPLIT = re.compile(r"\s(?:of|for|at|from|in|with|on|to|among|representing)\s")
# Abstract nouns name acts and states, which do not speak: "decision", "fairness", "ruling".
_ABSTRACT = re.compile(r"(?:sion|ness|ing|ance)s?$")
# "to" before a bare verb opens a clause: "... drones to photograph backyards".
_INFINITIVE = re.compile(r"\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|"
                         r"those|one|two|some|all|each|every|other|many)\b)[a-z]+(?<!s)\b")
# "One of those senators", "two of the firm's lawyers": the description follows "of".
_PARTITIVE = re.compile(r"(?i)(one|two|three|four|five|some|several|many|most|both|each|none)"
                        r"\s+of\s+(\S.*)$")
_THE = re.compile(r"^(?:the|The)\s+")
# "I've", "we're", "she's": a pronoun with a verb run into it, never a name
_CONTRACTION = re.compile(r"(i|we|you|they|he|she|it)[’'](?:ve|m|re|ll|d|s)")
# "Hydrologists at the Marsh Institute": a plural of people, capitalised by the sentence
_PLURAL_AGENT = re.compile(r"[A-Z][a-z]+(?:ists|ians|ers|ors|ants|ents|ics)")
_QUALIFIERS = frozenset({"at", "from", "with"})
_INITIALISM = re.compile(r"(?:[A-Z]\.)+")
_NAME_OF_PLACE = re.compile(r"(.+?)\s+(of\s+.+)$")
_ARTICLE = re.compile(r"^(?:the|a|an)\b\s*", re.I)
_INNER_POSSESSIVE = re.compile(r"[’']s\s+(?=[^\s])")
_CAPITAL_ARTICLE = re.compile(r"^(?:The|A|An)\s(?=\S)")
_COMMON_NOUNS = SOURCE_NOUNS - TITLE_WORDS  # built once, not at every call
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
_VERBISH = frozenset(
    """
is are was were be been has have had will would can could may might must shall should
do does did who which that whose whom when where while if because said told after
before since until though although unless whether
""".split()
)
_TRAILING_ADVERBS = frozenset({"also", "has", "have", "had", "later", "too", "just", "only",
                               "even", "still", "now", "then", "again", "once", "already"})
# "farmers downstream", "residents nearby": where they are, part of the description
_LOCATIVES = frozenset("downstream upstream nearby abroad overseas elsewhere".split())
# "a study published (on Monday)": the participle says when, not who
_TRAILING_PARTICIPLES = frozenset("published released issued conducted".split())
_MODIFIER = re.compile(r"[\w.’'-]+-(?:based|born|owned|listed|backed|led|run|registered|"
                      r"headquartered|funded|controlled)")
# Nouns that end like adverbs: "lawyers for the family" keeps its last word.
_LY_NOUNS = frozenset("family assembly supply ally rally daily weekly monthly monopoly reply".split())
LEADERS = frozenset(
    {"but", "and", "meanwhile", "however", "also", "now", "so", "yet", "still", "then", "separately"}
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One noun phrase naming a source, as analysed by `analyse_np`."""

    surface: str
    kind: SpeakerKind
    name: str  # the name or description as written
    role: str | None = None
    pronoun: str | None = None  # he/she/they/it
    definite: bool = False  # "the minister": look for who it is


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok in ("Ó", "Ní")


def _strip_the(phrase: str) -> str:
    return _THE.sub("", phrase)


_OFFICES = frozenset({"minister", "secretary", "president", "chancellor", "governor", "mayor",
                      "commissioner", "ambassador", "senator", "councillor", "director",
                      "chairman", "chairwoman", "spokesperson", "spokesman", "spokeswoman",
                      "prosecutor", "judge", "general", "admiral", "chief", "premier"})


@lru_cache(maxsize=8192)
def split_title(run: str) -> tuple[str, str]:
    """Split a capitalised run into (role, name): the name follows the last title word.

    >>> split_title("Polish Defence Minister Anna Nowak")
    ('Polish Defence Minister', 'Anna Nowak')
    >>> split_title("Minister of Parliamentary Affairs Gail Teixeira")
    ('Minister of Parliamentary Affairs', 'Gail Teixeira')
    """
    toks = run.split()
    while len(toks) > 1 and toks[-1].lower() in _CALENDAR:
        toks = toks[:-1]  # "Gail Teixeira Monday denied ...": a date, not a surname
    run = " ".join(toks)

    def is_title(tok: str) -> bool:
        low = tok.lower().rstrip(".")
        return (low in TITLE_WORDS or low in DEMONYMS or tok in ("US", "UK", "EU", "UN")
                or bool(_INITIALISM.fullmatch(tok)))

    titles = [k for k, t in enumerate(toks[:-1]) if is_title(t)]
    offices = [k for k in titles if toks[k].lower().rstrip(".") in TITLE_WORDS
               and toks[k].lower().rstrip(".") not in TITLE_QUALIFIERS]
    if not offices:
        if len(toks) >= 3 and toks[0].lower() in _PERSON_NOUNS and name_kind(
                " ".join(toks[1:])) == "person":
            return toks[0], " ".join(toks[1:])  # "Nurse Abby Hale" opening a sentence
        return "", run  # "Energy UK": qualifiers alone make no title
    i = offices[-1] + 1
    if i < len(toks) and toks[i] in ("of", "for") and len(toks) - i > 3:
        # "Minister of Parliamentary Affairs and Governance Gail Teixeira": the portfolio
        # runs on; a personal name is the last two words (three with a particle).
        i = len(toks) - (3 if toks[-2].lower() in _NAME_PARTICLES else 2)
    while i < len(toks) - 1 and is_title(toks[i]):
        i += 1
    return " ".join(toks[:i]), " ".join(toks[i:])


# People's common nouns, which may open a sentence before a name: "Farmer Jonas Meyer".
_PERSON_NOUNS = frozenset(
    w for w in SOURCE_NOUNS
    if not w.endswith("s") and w not in ORG_NOUNS and w not in ORG_WORDS
    and w not in ("source", "delegation", "industry", "opposition", "people", "management",
                  "staff", "administration", "charity", "team", "firm", "regulator")
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today".split())
_NAME_PARTICLES = frozenset("van von der de da di du la le al el bin ibn ter ten".split())


@lru_cache(maxsize=8192)
def name_kind(name: str) -> SpeakerKind:
    """Person or organisation, from the words of a capitalised name."""
    words = [w.lower().strip(".") for w in name.split()]
    if any(w in ORG_WORDS for w in words) or name.isupper() or name.lower().startswith("the "):
        return "organization"
    if len(words) == 1:
        return "organization"
    if "and" in words:
        return "group"  # "Varnia and Oskland": two parties, not one person
    return "person"


@lru_cache(maxsize=8192)
def analyse_np(phrase: str) -> Mention | None:
    """Read a subject noun phrase into a Mention, or None if it is not one.

    >>> analyse_np("Dutch Defence Minister Jan de Vries").name
    'Jan de Vries'
    >>> analyse_np("a senior official from one of the member states").kind
    'unnamed'
    """
    phrase = " ".join(phrase.split())
    if "(" in phrase:  # substring tests first: most phrases have no bracket and no date
        phrase = _ACRONYM_PAREN.sub("", phrase)
    phrase = phrase.strip(" ,;:—–-")
    if phrase.endswith(("day", "week")):
        phrase = _TRAILING_WHEN.sub("", phrase)  # "Gail Teixeira on Monday (denied)"
    if phrase.endswith(".") and len(phrase.split()[-1]) > 3:
        phrase = phrase[:-1]  # sentence-final stop, not "Dr." or "U.S."
    toks = phrase.split()
    while toks and toks[0].lower().strip(",") in LEADERS:
        toks = toks[1:]
    while toks and (toks[-1].lower() in _TRAILING_ADVERBS or toks[-1] in _TRAILING_PARTICIPLES
                    or toks[-1].endswith("ly")
                    and toks[-1].islower() and toks[-1] not in _LY_NOUNS):
        toks = toks[:-1]
    if not toks or len(toks) > 16 or toks[-1].lower() in ("and", "but", "or"):
        return None  # "the minister shrugged and (said)": a clause, not a noun phrase
    phrase = " ".join(toks)
    if len(toks) > 1 and toks[-1].lower() in _LOCATIVES:
        inner = analyse_np(" ".join(toks[:-1]))
        if inner is not None and inner.kind in ("group", "unnamed") and not inner.definite:
            return Mention(phrase, inner.kind, phrase)
        return inner
    low = phrase.lower()
    if low in PRONOUNS:
        return Mention(phrase, PRONOUNS[low], phrase, pronoun=low)
    if contracted := _CONTRACTION.fullmatch(low):
        # "she's said": she; "I've said", "we're told": the writer or a quote's own voice
        base = contracted.group(1)
        return Mention(base, PRONOUNS[base], base, pronoun=base) if base in PRONOUNS else None
    if _REPORTER.match(low):
        return None  # "this reporter", "our correspondent": the writer is no source
    if low in FIRST_PERSON or any(t in _VERBISH for t in toks):  # "WHO" is no pronoun
        return None
    if "_" in phrase or '"' in phrase or "“" in phrase or "”" in phrase:
        return None
    if part := _PARTITIVE.match(phrase):
        if part.group(2).lower() in ("them", "those"):  # "One of them": of the last group
            return Mention(phrase, "unnamed", phrase, pronoun="they")
        whole = analyse_np(part.group(2))
        if whole is None or whole.pronoun or whole.kind == "person" and not whole.definite:
            return None  # "one of them", "one of Ruiz's": no description of a source
        kind: SpeakerKind = "unnamed" if part.group(1).lower() == "one" else "group"
        return Mention(phrase, kind, phrase)
    if low in _NUMBER_WORDS:
        return None  # "One", "Two": a number, no name
    head_part = _PREP_SPLIT.split(" " + phrase + " ", maxsplit=1)[0].strip()
    head_part = _FAMILIAR.split(head_part, maxsplit=1)[0]  # "people familiar with ..."
    common = len(head_part.split()) == 1 and head_part.lower() in _COMMON_NOUNS
    after = phrase[len(head_part) :].split()
    if (head_part.split() and _is_cap(head_part.split()[-1]) and not common
            and _is_cap(phrase.split()[-1]) and len(after) > 1
            and (_is_cap(after[1]) or len(after) > 2 and after[1] == "the" and _is_cap(after[2])
                 and " " not in head_part)
            and after[0] in ("of", "for", "against")):
        # "Bank of Portugal", "Parents for Safer Streets", "Friends of the Earth": one name
        if after[1] == "the":
            return Mention(phrase, "organization", phrase)  # runs of capitals stop at "the"
        head_part = phrase
    if (len(after) > 1 and after[0] in _QUALIFIERS and " " not in head_part
            and _PLURAL_AGENT.fullmatch(head_part) and not common):
        # "Hydrologists at the Marsh Institute": a description with its qualifier, whose
        # capital is the sentence's
        return Mention(phrase, "group", head_part.lower() + phrase[len(head_part):])
    htoks = head_part.split()
    if not htoks:
        return None
    head = htoks[-1]
    first = toks[0].lower()
    if _is_cap(head) and not (len(htoks) == 1 and head.lower() in SOURCE_NOUNS):
        if first in DETERMINERS and first not in ("the", "a", "an") and head.endswith("s"):
            return Mention(phrase, "group", phrase)  # "several NGOs"
        return _named(phrase, head_part, htoks)
    if head.lower() in DETERMINERS or not (head[:1].isalpha() or _AGE.fullmatch(head.lower())) or (
            not _can_speak(head.lower(), phrase)):
        return None
    if not (
        head.lower().rstrip("s") in SOURCE_NOUNS
        or head.lower() in SOURCE_NOUNS
        or head.lower() + "s" in SOURCE_NOUNS  # "one user", from "users"
        or head.lower() in DATA_NOUNS  # "according to police data"
        or (head.endswith("s") and not head.endswith("ss"))
        or head.lower() in TITLE_WORDS
        or _AGE.fullmatch(head.lower())
        or head.lower() in ORG_NOUNS
        or first in ("the", "a", "an")
        or first == "one" and head.lower() not in _ONE_NOT_SOURCES  # "one voter", like "a voter"
        or _POSSESSIVE.search(toks[0])
    ):
        return None
    return _described(phrase, head.lower(), first)


def _can_speak(head: str, phrase: str) -> bool:
    """Whether a lower-case head noun can be a source: not a pronoun ('a point she'), not
    an abstract noun ('the decision on ...'), and no clause ('used drones to photograph')."""
    if head in PRONOUNS or head in FIRST_PERSON or "to" in phrase and _INFINITIVE.search(phrase):
        return False
    listed = head in SOURCE_NOUNS or head in ORG_NOUNS or head in TITLE_WORDS
    return listed or not _ABSTRACT.search(head)


def _named(phrase: str, head_part: str, htoks: list[str]) -> Mention | None:
    """'U.S. Ambassador Ana Ruiz', 'the water regulator Acme', 'Kowal'."""
    runs = list(NAME_RUN.finditer(head_part))
    if not runs:
        return None
    first_run = len(runs) - 1
    while first_run > 0 and _glued(head_part, runs[first_run - 1], runs[first_run]):
        first_run -= 1  # "Association of Universities in the Netherlands": one name
    run = _LINK_END.sub("", head_part[runs[first_run].start() : runs[-1].end()])
    lead = head_part[: runs[first_run].start()].strip()
    while len(run.split()) > 1 and (run.split()[0].lower() in SENTENCE_STARTERS
                                    or _MODIFIER.fullmatch(run.split()[0])):
        first, run = run.split(maxsplit=1)  # "Oslo-based Acme Foods": a modifier, no name
        lead = f"{lead} {first}".strip()
    owner, _, rest = possessor_split(run)
    if rest and name_kind(split_title(rest)[1]) == "person":
        # "the European Union's Federica Mogherini": the owner is an affiliation; in
        # "Portugal's Ministry of Finance" it is part of the name
        lead, run = f"{lead} {owner}".strip(), rest
    role, name = split_title(run)
    place = _NAME_OF_PLACE.match(name) if "of" in name else None
    if place and name_kind(place.group(1)) == "person" and " of " not in place.group(1):
        name, role = place.group(1), f"{role} {place.group(2)}".strip()  # "Sofie Lund of Varn"
    role_words = " ".join(w for w in (lead, role) if w)
    role_words = _ARTICLE.sub("", role_words).strip()
    if _POSSESSIVE.search(name):
        return None
    if name.lower() in TITLE_WORDS or all(w.lower() in TITLE_WORDS for w in name.split()):
        # "the Defense Secretary": a title alone describes someone named elsewhere.
        return Mention(phrase, "person", phrase, role=_strip_the(phrase), definite=True)
    kind = name_kind(name)
    if lead.lower() == "the" and len(name.split()) == 1:
        kind = "organization"
    if role_words and role_words.split()[-1].lower() in ORG_NOUNS | ORG_WORDS | _FIRM_NOUNS:
        kind = "organization"  # "campaign group River Watch", "the charity Shelterline"
    if any(w.lower().rstrip(".") in HONORIFICS for w in (lead + " " + role).split()):
        kind = "person"  # "Mr Macron", "Dr. Kim"
    lead_words = _ARTICLE.sub("", lead).split()
    if lead_words and not any(w.lower() in TITLE_WORDS or _POSSESSIVE.search(w) or w[:1].isupper()
                              for w in lead_words):
        # "a finding Ruiz called ...": words before the name that are no title are no part of it
        return Mention(f"{role} {name}".strip(), kind, name, role=role or None)
    return Mention(phrase, kind, name, role=role_words or None)


def _glued(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether two capitalised runs form one organisation's name."""
    glue = text[left.end() : right.start()]
    return bool(_NAME_GLUE.fullmatch(glue)) and any(
        w.lower() in ORG_WORDS for w in left.group().split())


def possessor_split(run: str) -> tuple[str, str, str]:
    """Split "Acme Union's Jan Kowal" into ("Acme Union's", "'s", "Jan Kowal");
    without an inner possessive the last part is empty."""
    m = _INNER_POSSESSIVE.search(run) if "’s" in run or "'s" in run else None
    if m is None or m.end() >= len(run):
        return run, "", ""
    return run[: m.end()].strip(), m.group().strip(), run[m.end() :]


def _described(phrase: str, head: str, first: str) -> Mention:
    """'two diplomats', 'a senior official', 'the ministry', 'the 26-year-old'."""
    if first in ("the", "its", "their", "his", "her"):  # "their union": a description too
        kind: SpeakerKind = "organization"
        if head in _FIRM_NOUNS or head in ORG_WORDS:
            kind = "organization"  # "the carmaker", "the charity", "the trust"
        elif head in TITLE_WORDS or _AGE.fullmatch(head) or _AGENT_NOUN.search(head) or (
                head in SOURCE_NOUNS and not head.endswith("s") and head not in ORG_NOUNS):
            kind = "person"
        elif head.endswith("s") and head not in ORG_NOUNS:
            kind = "group"
        return Mention(phrase, kind, phrase, role=_strip_the(phrase), definite=True)
    if first in ("a", "an", "one"):
        return Mention(phrase, "unnamed", phrase)
    poss = phrase.split()[0]
    if _POSSESSIVE.search(poss) and head in ORG_NOUNS:
        return Mention(phrase, "organization", phrase)
    if head.endswith("s") or first in DETERMINERS:
        return Mention(phrase, "group", phrase)
    return Mention(phrase, "unnamed", phrase)


@dataclass(slots=True)
class Source:
    """A resolved source while the article is being read (mutable; frozen on output)."""

    name: str
    kind: SpeakerKind
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None  # "he" or "she", once the article shows which
    roles: list[str] = field(default_factory=list)  # every role seen, for matching only

    def add_alias(self, surface: str) -> None:
        surface = " ".join(surface.split())
        surface = _CAPITAL_ARTICLE.sub(lambda m: m.group().lower(), surface)
        honorific = surface.split()[0].lower().rstrip(".") if surface.split() else ""
        if self.gender is None and honorific in ("mr", "mrs", "ms", "miss"):
            self.gender = "he" if honorific == "mr" else "she"
        if surface.lower() not in PRONOUNS and surface not in self.aliases:
            self.aliases.append(surface)

    def freeze(self) -> SpeakerRef:
        aliases = tuple(dict.fromkeys([self.name, *self.aliases]))
        return SpeakerRef(self.name, self.kind, self.role, aliases)


@lru_cache(maxsize=8192)
def _words(s: str) -> tuple[str, ...]:
    """Lower-cased words of a name; cached, as the same names are compared again and again."""
    return tuple(w.lower().strip(".’'") for w in _TOKEN.findall(s))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper()).upper()


def clear_caches() -> None:
    """Forget the memos of name analysis (they pay off within one article)."""
    for fn in (analyse_np, split_title, name_kind, _words):
        fn.cache_clear()
