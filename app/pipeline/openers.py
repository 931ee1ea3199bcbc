"""Antecedents the speakers' history does not hold: people who open a sentence without
speaking, for a later he/she, and the group that "one of them" is one of.

Deputy Ana Ruiz shook her head. "No," she said.         she -> Ana Ruiz
Asked about the deal, Ruiz laughed. "Not yet," she said.  she -> Ana Ruiz (known already)

The registry's history holds only speakers; a person introduced (or named again) as
the subject of a narrative sentence after the last speaker is nearer to the pronoun.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from app.pipeline.lexicon import DETERMINERS, TITLE_WORDS

if TYPE_CHECKING:
    from app.pipeline.coref import Registry
    from app.pipeline.source_index import SourceIndex
    from app.pipeline.speakers import Mention, Source

# A lower-case title before a name: "club captain Ana Ruiz", "Acme striker Ana Ruiz".
_TITLED_LEAD = re.compile(r"(?:[A-Z][\w’'-]*\s+)?([a-z]+)\s+$")
# "Its chief executive, Ana Ruiz, ...": a role, then the name, opening the sentence.
_APPOSED_LEAD = re.compile(r"(?:[A-Z][\w’'-]*)(?:\s+[a-z][\w’'-]*){0,3}\s+([a-z]+),\s+$")
# The rest of a body's name before the possessive word a lead opens with.
_OWNER_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|the|for|and|&))*\s+$")
_TITLE_OF_LEAD = re.compile(r"[Tt]he\s+(?:[a-z]+\s+)?([a-z]+)\s+of\s+[^,.;]{2,50},\s+$")
_OWNER_IS = {"Her": "she", "His": "he"}
# "Ruiz laughed", "Ruiz, 54, shrugged": a lower-case verb after the name.
_VERB_AFTER = re.compile(r"(?:,[^,]{1,20},)?\s+[a-z]")


def _opens(masked: str, start: int, comma_ok: bool = False) -> bool:
    before = masked[max(0, start - 4) : start]
    last = before.rstrip()[-1:]
    return not before.strip() or last in ".!?" or "\n" in before or comma_ok and last == ","


# Asides between commas ("Dan Kerr, who supplies her flour, ...") speak of others.
_ASIDE = re.compile(r",[^,]*(?:,|$)")
# "she", or "her"/"his" before the noun it owns ("shook her head"), not "known her for".
_OWN = {
    "she": re.compile(r"\bshe\b|\bher\s+(?!(?:for|to|at|in|on|with|by|from|about|and|or|as|"
                      r"that|the|a|an)\b)[a-z]", re.I),
    "he": re.compile(r"\bhe\b|\bhis\b", re.I),
}
# A word that tells a person's sex, just before the name: "his wife, Ana Ruiz", "Mrs Ruiz".
_GENDERED_BEFORE = {
    "she": re.compile(r"\b(?:wife|mother|daughter|sister|widow|grandmother|granddaughter|aunt|"
                      r"niece|girlfriend|fiancée|businesswoman|chairwoman|spokeswoman|"
                      r"congresswoman|actress|waitress|Mrs|Ms|Miss|Lady|Dame|Queen|Princess)"
                      r"\.?,?\s+$"),
    "he": re.compile(r"\b(?:husband|father|son|brother|widower|grandfather|grandson|uncle|"
                     r"nephew|boyfriend|fiancé|businessman|chairman|spokesman|congressman|"
                     r"actor|Mr|Sir|Lord|King|Prince)\.?,?\s+$"),
}


def _own(masked: str, start: int, pos: int, pronoun: str) -> bool:
    """'Lena Ortiz shook her head': 'her' in the person's own sentence says she is one
    ('Dan Kerr, who supplies her flour, has known her for years' says nothing of him)."""
    stop = masked.find(".", start, pos)
    clause = _ASIDE.sub(" ", masked[start : stop if stop > 0 else pos])
    return _OWN[pronoun].search(clause) is not None


def gender_before(masked: str, start: int) -> str | None:
    """'he' or 'she' when the words just before a name tell it: 'his wife, Ana Ruiz'."""
    before = masked[max(0, start - 24) : start]
    for pronoun, pattern in _GENDERED_BEFORE.items():
        if pattern.search(before):
            return pronoun
    return None


def hinted_gender(reg: SourceIndex, name: str) -> str | None:
    """The gender the words before any full mention of `name` tell, if any."""
    for start, full in reg.people:
        if full == name and (found := gender_before(reg._masked, start)):
            return found
    return None


def person_opening_sentence(reg: Registry, after: int, pos: int, pronoun: str) -> Source | None:
    """The person who opens a sentence between `after` (the last speaker) and `pos`."""
    full = _full_name_opener(reg, after, pos, pronoun)
    known = _known_name_opener(reg, max(after, full[0]), pos, pronoun)
    return known[1] or full[1]


def _full_name_opener(reg: Registry, after: int, pos: int, pronoun: str
                      ) -> tuple[int, Source | None]:
    """'Club captain Ana Ruiz was ...': a full name with a title, opening a sentence."""
    i = bisect_left(reg._positions, pos) - 1
    while i >= 0 and reg.people[i][0] > after:
        start, name = reg.people[i]
        lead = _TITLED_LEAD.search(reg._masked, max(0, start - 40), start)
        titled = lead is not None and lead.group(1).lower() in TITLE_WORDS
        if not titled:
            # "Its chief executive, Joanne Pryce, apologised": a role put before the name
            lead = _APPOSED_LEAD.search(reg._masked, max(0, start - 50), start)
            # (a title only: "A colleague, Peter Holm," or "Her son, Tom," brings in someone
            # the piece is not about)
            if lead is None or lead.group(1).lower() not in TITLE_WORDS:
                # "The head of the harbour trust, Jon Keble, ...": a title of a body
                lead = _TITLE_OF_LEAD.search(reg._masked, max(0, start - 70), start)
            titled = lead is not None and lead.group(1).lower() in TITLE_WORDS
            if titled and lead is not None and _OWNER_IS.get(lead.group().split()[0]) == pronoun:
                return -1, None  # "Her deputy, Alan Firth, ...": "she" is whose deputy he is
        if titled and lead is not None:
            start = lead.start()  # the title opens the sentence
            if (owner := _OWNER_RUN.search(reg._masked, max(0, start - 80), start)) is not None:
                start = owner.start()  # "The Harbour Trust's chief engineer, Ana Ruiz, ..."
        if _opens(reg._masked, start):
            src = reg._find(name, "person")
            if src is None and name not in reg.roles and not titled and not _own(
                    reg._masked, start, pos, pronoun):
                return -1, None  # "Acme Rovers beat ...": no title, maybe no person
            src = src or reg._add(name, "person", reg.roles.get(name))
            if src.gender in (None, pronoun):  # not "His wife, Elke Meyer, ..." for "he"
                return start, src
            return -1, None
        i -= 1
    return -1, None


def _known_name_opener(reg: Registry, after: int, pos: int, pronoun: str
                       ) -> tuple[int, Source | None]:
    """'Asked about it, Ruiz laughed.': a person already known, as a clause's subject."""
    for k in range(bisect_left(reg.run_positions, pos) - 1, -1, -1):
        start, name = reg.runs[k]
        if start <= after:
            break
        if " " in name:
            continue  # full names are the other search's
        if not (_opens(reg._masked, start, comma_ok=True)
                and _VERB_AFTER.match(reg._masked, start + len(name))):
            continue
        src = reg._find(name, "person")
        full = reg._fullest_person(name)
        if src is None and full != name:  # named in full before, never heard yet
            src = reg._find(full, "person") or reg._add(full, "person", reg.roles.get(full))
        if src is not None and src.kind == "person" and src.gender in (None, pronoun):
            return start, src
    return -1, None


def member_of_group(reg: Registry, m: Mention, pos: int) -> Source | None:
    """'..., according to three officials close to the talks. One of them said ...':
    the speaker is one member of that group ('an official close to the talks')."""
    group = reg._resolve_pronoun(m.pronoun or "they", pos)
    if group is None:
        return None
    name = _one_member(group.name) or f"{m.surface.split()[0].lower()} of {group.name}"
    return reg._find(name, "unnamed") or reg._add(name, "unnamed", None)


_IRREGULAR_PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child"}
# Where the plural head's qualifier starts: a preposition, "who", or a participle
# ("people briefed on ...", "officials working at ...").
_MEMBER_SPLIT = re.compile(
    r"\s+(?=(?:of|from|at|in|with|for|on|who|familiar|close|[a-z]{2,}ed|[a-z]{2,}ing)\b)"
)


def _one_member(group: str) -> str | None:
    """'Two senior nurses at the clinic' -> 'a senior nurse at the clinic': one member of
    a group described by a plural noun, as the article would describe them alone."""
    head, _, rest = _MEMBER_SPLIT.sub("\0", group, count=1).partition("\0")
    words = head.split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    if rest.startswith("who") or not words or not words[-1][1:].islower() or not words[-1].endswith(
            ("s", "people", "men")) or len(words) > 1 and not words[-1].islower():
        return None  # "residents who live ...": the verb would disagree; "Labour MPs": a name
    last = words[-1].lower()
    if last in _IRREGULAR_PLURALS or last.endswith("women") or last.endswith("men"):
        one = _IRREGULAR_PLURALS.get(last) or last[:-3] + "man"
    elif last.endswith("ies"):
        one = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        one = last[:-2]
    elif last.endswith("ss") or len(last) < 4:
        return None
    else:
        one = last[:-1]
    words = [w.lower() if w.istitle() and k == 0 else w for k, w in enumerate(words[:-1] + [one])]
    article = "an" if re.match(r"[aeio]|u(?!ni|s[eu])", words[0], re.I) else "a"
    return " ".join([article, *words, rest]).strip()


def singular_unnamed(src: Source) -> bool:
    """'a senior manager', 'one user': one unnamed person, whom 'she' may stand for."""
    return src.kind == "unnamed" and src.name.split()[0].lower() in ("a", "an", "one")
