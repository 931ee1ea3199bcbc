"""How articles name and describe their sources: the patterns and word sets that read them.

A description put before a name ("the water regulator Acme") or after it ("Halden Bank,
the country's largest lender"), a title before a name ("former minister Tom Reece"), a
spokesperson who speaks for a body ("a Tidewell spokesman"), and the word sets they draw
on. Both the name index (`source_index`) and resolution (`coref`) read them, so they live
apart from either, as the word lists live in `lexicon`.
"""

import re

from app.pipeline.lexicon import (
    DETERMINERS,
    INTRO_WORDS,
    ORG_NOUNS,
    SENTENCE_STARTERS,
    TITLE_WORDS,
)
from app.pipeline.speakers import NAME_RUN, _words

# Possessive "*+": a word never ends inside itself, so giving back letters cannot help
# (without them the search backtracks through every word after every "the"). It opens
# with the class of its first letter, so that a search skips to candidates in C.
_DESCRIBED_NAME = re.compile(
    r"[TtIiAaHh](?<=\b[TtIiAaHh])(?:(?<=[Tt])he|(?<=[Ii])ts|(?<=[Tt])heir|(?<=[Aa])n?|(?<=[Hh])is|(?<=[Hh])er)\s+((?:[a-z][\w'’-]*+\s+){0,3}[a-z][\w'’-]*+)(,?)\s+("
    + NAME_RUN.pattern + ")")
# "the operator, Harbourline Ports Ltd," closes its apposition with a mark or the line's end;
# "his rival, Ana Ruiz of the Greens," with the body the person belongs to.
_APPOSITION_END = re.compile(r"\s*(?:[,.;:)]|$)|\s+of\s+(?:the\s+)?[A-Z]", re.M)
_LINK_TAIL = re.compile(r"(?:\s+(?:of|for|and|&))+$")
_DESCRIPTION_HEADS = ORG_NOUNS | TITLE_WORDS | frozenset(
    "union group regulator watchdog company firm charity organisation organization lobby "
    "campaign association network airline carrier broadcaster newspaper consultancy "
    "think-tank bank insurer retailer operator club party".split())
_CORPORATE = frozenset("""
company group firm carrier airline bank insurer retailer chain maker manufacturer producer
operator lender giant conglomerate supplier developer publisher broadcaster brewer miner
carmaker automaker drugmaker chipmaker planemaker steelmaker toymaker
""".split())
# Trade words that, put before a name, say that it is a firm's ("the lender Orm Atlas");
# not "developer" or "producer", which are people's jobs as well.
_FIRM_TRADES = _CORPORATE - {"developer", "publisher", "producer", "group"}
# "the two companies": plural bodies, resolved to the ones named before, joined
_PLURAL_BODIES = frozenset("companies firms groups organisations organizations banks unions "
                           "charities carriers airlines lenders insurers retailers".split())
_COUNTS = {"two": 2, "three": 3, "four": 4, "both": 2}
_NAME_THEN_DESCRIPTION = re.compile(
    r",\s+(?:the|its|their)\s+((?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)(?=\s*[,.;)])")
_HONORIFIC_SEX = {"mr": "he", "sir": "he", "lord": "he", "mrs": "she", "ms": "she", "miss": "she",
                  "dame": "she", "lady": "she"}
_LOWER_TITLE = re.compile(r"(?:[A-Z][\w’'-]*\s+)?([a-z]+)\s+$")
# Bodies that are no company: "the company" does not stand for them.
_PUBLIC_WORDS = frozenset("""
ministry government council court police union parliament department commission committee
agency authority university party federation association trust charity hospital school
board office institute tribunal assembly senate congress league foundation society
alliance coalition forum campaign movement
""".split())
_POSSESSIVE_END = re.compile(r"[’']s?$")
# A spokesperson who speaks for a body by its name, initials or kind: "a Tidewell
# spokesman", "a spokeswoman for the CFR", "a university spokesperson".
_BODY_VOICE = re.compile(
    r"[Aa]n?\s+(?:(?P<pre>[A-Z][\w’'&-]*|" + "|".join(sorted(_PUBLIC_WORDS)) + r")\s+"
    r"spokes(?:man|woman|person)|spokes(?:man|woman|person)\s+for\s+(?:the\s+)?(?P<body>[A-Z][\w’'&-]*))")
# A one-word name followed by a description of what it is: "Brightwell, the Danish maker".
_APPOSED_BODY = re.compile(r",\s+(?:the|a|an)\s+(?:[A-Za-z][\w-]*\s+){0,3}?(?:"
                           + "|".join(sorted(_CORPORATE | ORG_NOUNS)) + r")\b")


def _public_body(name: str) -> bool:
    return any(w in _PUBLIC_WORDS for w in _words(name))


_OF_TAIL = re.compile(r"\s(?:of|for|at|in|from)\s")
_OF_PLACE = re.compile(r"(\S+\s+\S+)\s+of\s+\S.*$")
_OWNER_END = re.compile(r"(?<=[a-z])[’']s?$")
_LINK_SPLIT = re.compile(r"\s+(?:of|for|and|&)\s+")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
_LEADING_FUNCTION = SENTENCE_STARTERS | INTRO_WORDS | DETERMINERS


def _surnames(name: str) -> set[str]:
    """Last name word, and the one before it for double surnames ("Ortega Diaz")."""
    words = [w for w in _words(name) if w not in ("van", "von", "der", "de", "den", "da")]
    out = set(words[-1:])
    if len(words) >= 3:
        out.add(words[-2])
    for w in list(out):
        out.update(p for p in w.split("-") if len(p) > 2)
    return out
