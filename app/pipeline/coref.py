"""Coreference for speakers: one `Source` per real-world source in an article.

Resolves surname-only mentions ("Kowal") and fuller ones ("Jan Kowal") to the
fullest name the article gives, pronouns ("she") to the last person who spoke,
and descriptions ("the minister", "the regulator") to the source whose role or
name carries that word.
"""

import re
from bisect import bisect_left
from functools import lru_cache

from app.pipeline.lexicon import (
    DEMONYMS,
    DETERMINERS,
    HEAD_SYNONYMS,
    HONORIFICS,
    INTRO_WORDS,
    ORG_NOUNS,
    ORG_WORDS,
    SENTENCE_STARTERS,
    SOURCE_NOUNS,
    TITLE_WORDS,
)
from app.pipeline.openers import (
    hinted_gender,
    member_of_group,
    person_opening_sentence,
    singular_unnamed,
)
from app.pipeline.speakers import (
    NAME_RUN,
    Mention,
    Source,
    _acronym,
    _words,
    name_kind,
    possessor_split,
    split_title,
)

_TITLE_DESCRIPTION = re.compile(r"\b[Tt]he\s+([a-z]+)\b(?![’']s)")
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
# Bodies that "the X" names by itself, never another organisation just mentioned.
_INSTITUTIONS = frozenset(
    "police army military navy government parliament church media opposition public".split())
_CORPORATE = frozenset("""
company group firm carrier airline bank insurer retailer chain maker manufacturer producer
operator lender giant conglomerate supplier developer publisher broadcaster brewer miner
carmaker automaker drugmaker chipmaker planemaker steelmaker toymaker
""".split())
# Sports bodies described by their standing: "the second-tier side", "the cup holders' club".
# A spokesperson who speaks for a firm the article has named: "a company spokesman".
_FIRM_VOICE = re.compile(r"[Aa]n?\s+(" + "|".join(sorted(_CORPORATE)) + r")\s+spokes(?:man|woman|person)|"
                         r"[Aa]n?\s+spokes(?:man|woman|person)\s+for\s+the\s+(" + "|".join(sorted(_CORPORATE))
                         + r")")
# Trade words that, put before a name, say that it is a firm's ("the lender Orm Atlas");
# not "developer" or "producer", which are people's jobs as well.
_FIRM_TRADES = _CORPORATE - {"developer", "publisher", "producer", "group"}
# "the two companies": plural bodies, resolved to the ones named before, joined
_PLURAL_BODIES = frozenset("companies firms groups organisations organizations banks unions "
                           "charities carriers airlines lenders insurers retailers".split())
_COUNTS = {"two": 2, "three": 3, "four": 4, "both": 2}
_BODIES_REACH = 2000  # characters back from "the companies" searched for their names
_GROUP_HEADS = frozenset({"group", "organisation", "organization"})
_CATAPHORA_REACH = 400  # characters after "their union said" searched for the union's name
_TEAMS = frozenset("club side team squad outfit franchise".split())
_PARENT_OF = re.compile(r"\b(mother|father|grandmother|grandfather)\s+of\s+(?:\d+|one|two|three|"
                        r"four|five|six|seven|eight|nine|ten)$")
_NAME_THEN_DESCRIPTION = re.compile(
    r",\s+(?:the|its|their)\s+((?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)(?=\s*[,.;)])")
_HONORIFIC_SEX = {"mr": "he", "sir": "he", "lord": "he", "mrs": "she", "ms": "she", "miss": "she",
                  "dame": "she", "lady": "she"}
_POSSESSIVE_WORD = re.compile(r"\S+[’']s\b")
_LOWER_TITLE = re.compile(r"(?:[A-Z][\w’'-]*\s+)?([a-z]+)\s+$")
_TITLE_IN_FULL = {"dr": "doctor", "prof": "professor", "gen": "general", "gov": "governor",
                  "sen": "senator", "rep": "representative", "supt": "superintendent"}
_ABBREVIATED_TITLE = re.compile(r"\b(" + "|".join(_TITLE_IN_FULL) + r")\b\.?")
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


@lru_cache(maxsize=1024)  # pure; asked again for each source a description is tried on
def _head_pattern(head: str) -> str:
    """A description's head and the words that stand for it: "the government" is also
    spoken for by a minister, "the court" by its judges."""
    words = [head, *HEAD_SYNONYMS.get(head, ())]
    return r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"


class Registry:
    """Sources of one article, built up while its statements are read in order."""

    def __init__(self, masked: str, spans: list[tuple[int, int]], title_end: int = 0) -> None:
        self.sources: list[Source] = []
        self.history: list[tuple[int, Source]] = []  # (offset, source) of each subject
        self.people: list[tuple[int, str]] = []  # every full person name, in order
        self.acronyms: dict[str, str] = {}
        self.roles: dict[str, str] = {}  # titles seen before names ("Foreign Minister")
        self._masked = masked
        honorific: list[tuple[int, str, str]] = []
        apposed: list[tuple[int, str, str]] = []
        self._sentence_starts = [lo for lo, _ in spans]
        # A feature says "she says"; news says "she said". In a feature an unsexed newcomer
        # yields a pronoun to the person the piece is about (see _central).
        self.feature = masked.count(" says") > masked.count(" said")
        self.runs: list[tuple[int, str]] = []  # every capitalised name, for lookups
        self._firms: set[str] = set()  # names a trade word puts before: "lender Acme Ivo"
        for m in (m for lo, hi in spans for m in NAME_RUN.finditer(masked, lo, hi)):
            toks = m.group().split()
            while toks and toks[0].lower() in _LEADING_FUNCTION:
                toks = toks[1:]
            if toks:
                self.runs.append((m.start(), " ".join(toks)))
            # "Jan Kowal of Acme Bank": a person and an organisation in one run;
            # "France's Jan Kowal": the owner is no part of the name.
            joined = " ".join(toks)
            joined = possessor_split(joined)[2] or joined
            # "Tayo Brandt's header": the owner is named in full all the same
            if joined.endswith(("’", "'", "’s", "'s")):  # a cheap test before the pattern
                joined = _OWNER_END.sub("", joined)
            whole_role, whole_name = split_title(joined)
            parts = [joined] if whole_role else _LINK_SPLIT.split(joined)
            for part in parts:  # "Minister of Affairs Ana Ruiz" stays one, with its title
                role, name = split_title(part)
                if " " not in name and role and role.split()[-1].lower().rstrip(".") in HONORIFICS:
                    # "Mr Farrow": a person, named again
                    honorific.append((m.start(), name, role.split()[-1].lower().rstrip(".")))
                place = _OF_PLACE.match(name) if " of " in name else None
                if place and name_kind(place.group(1)) == "person":
                    name = place.group(1)  # "Ana Ruiz of Varnia": the person is Ana Ruiz
                if " " in name and not role and (lead := _LOWER_TITLE.search(
                        masked, max(0, m.start() - 40), m.start())) and lead.group(1) in _FIRM_TRADES:
                    self._firms.add(name)  # "ferry operator Calloway Marine": a firm
                    continue
                if (
                    len(name.split()) >= 2
                    and name_kind(name) == "person"
                    and "’s" not in name
                    and "'s" not in name
                ):
                    self.people.append((m.start(), name))
                    if not role and name not in self.roles and (
                            lead := _LOWER_TITLE.search(masked, max(0, m.start() - 40), m.start())):
                        # "former minister Tom Reece", "club captain Ana Ruiz"
                        if lead.group(1) in TITLE_WORDS or lead.group(1) in SOURCE_NOUNS:
                            role = lead.group().strip()
                    if role:
                        self.roles.setdefault(name, role)
            tail = masked[m.end() : m.end() + 12]
            acro = _ACRONYM_DEF.match(tail.lstrip()) if "(" in tail else None
            if acro and _acronym(" ".join(toks)).startswith(acro.group(1)[:2]):
                self.acronyms[acro.group(1)] = " ".join(toks)
            if tail.startswith(", ") and (after := _NAME_THEN_DESCRIPTION.match(masked, m.end())):
                # "Halden Bank, the country's largest lender, ...": a description put after
                # the name, for "the lender" later
                apposed.append((m.start(), after.group(1).lower(), " ".join(toks)))
        self._positions = [p for p, _ in self.people]
        self.run_positions = [p for p, _ in self.runs]
        # Indexes so that resolving a mention costs no scan of every name in a long text.
        self._by_last: dict[str, list[str]] = {}
        self._by_surname: dict[str, str] = {}
        # Names from the body before names from title lines, whose capitals mislead
        # ("Independent Kowal wins" is a headline, not a first name).
        body_last = {_words(full)[-1] for pos, full in self.people if pos >= title_end}
        for pos, full in sorted(self.people, key=lambda pn: pn[0] < title_end):
            words = _words(full)
            if pos < title_end and words[-1] in body_last:
                continue  # the body names this person properly
            self._by_last.setdefault(words[-1], []).append(full)
            for surname in _surnames(full):
                self._by_surname.setdefault(surname, full)
        if honorific:
            # "Mr Farrow thanked the jury": the full name, mentioned again where he is
            again = [(p, full) for p, surname, title in honorific
                     if (full := self._bearer(surname, _HONORIFIC_SEX.get(title)))]
            if again:
                self.people = sorted(self.people + again)
                self._positions = [p for p, _ in self.people]
        # "the drivers' union ASLEF-North", "the water regulator Acme": a description
        # put before a name says what "the union" or "the regulator" refers to.
        self.described: list[tuple[int, str, str]] = []
        for m in _DESCRIBED_NAME.finditer(masked):
            name = _LINK_TAIL.sub("", m.group(3))
            if m.group(2) and not _APPOSITION_END.match(masked, m.end()):
                continue  # "to the union, Jan Kowal said": no apposition
            if m.group(1).split()[-1].lower() in _DESCRIPTION_HEADS:
                self.described.append((m.start(), m.group(1).lower(), name))
        self.described += [d for d in apposed if d[1].split()[-1] in _DESCRIPTION_HEADS]

    # -- lookups -----------------------------------------------------------------------

    def _org_starting(self, word: str) -> str | None:
        """The one organisation's name in the article that opens with `word`; failing
        that, the one name of any kind that does ("Velmora said" after "Velmora
        Chemicals", whose plural the name words do not list)."""
        names = {_POSSESSIVE_END.sub("", name) for _, name in self.runs
                 if name.startswith(word + " ") and not split_title(name)[0]}
        found = {name for name in names if name_kind(name) == "organization" or name in self._firms}
        if not found and len(names) == 1 and not any(
                s.kind == "person" and s.name in names for s in self.sources):
            found = {n for n in names if n not in self.roles and name_kind(n) != "group"}
        return found.pop() if len(found) == 1 else None

    def _body_starting(self, name: str) -> str | None:
        """The one organisation's name that opens with the words of `name` and goes on;
        not "Ana Ruiz of Acme Bank", a person's name followed by her body's."""
        person = name_kind(name) == "person"
        found = {full for _, run in self.runs if run.startswith(name + " ")
                 and not (person and run[len(name) + 1 : len(name) + 2].islower())
                 and (full := _POSSESSIVE_END.sub("", run)) and not split_title(full)[0]
                 and (name_kind(full) == "organization" or full in self._firms)}
        return found.pop() if len(found) == 1 else None

    def _bodies_before(self, pos: int, count: int) -> str | None:
        """'Acme Holdings and Borel Foods', the last `count` bodies named before `pos`,
        joined as the article would join them; None when fewer are named."""
        bodies: list[str] = []
        for k in range(bisect_left(self.run_positions, pos) - 1, -1, -1):
            if self.runs[k][0] < pos - _BODIES_REACH:
                break
            for part in reversed(_POSSESSIVE_END.sub("", self.runs[k][1]).split(" and ")):
                if " " in part and part not in bodies and not split_title(part)[0] and (
                        name_kind(part) == "organization" or part in self._firms
                        or self._maybe_body(part)):
                    bodies.insert(0, part)
            if len(bodies) >= count:
                return " and ".join(bodies[-count:])
        return None

    def _counted_bodies(self, name: str, pos: int) -> str | None:
        """'both companies', 'two firms': the bodies named before, joined."""
        words = _words(name)
        if len(words) != 2 or words[0] not in _COUNTS or words[1] not in _PLURAL_BODIES:
            return None
        return self._bodies_before(pos, _COUNTS[words[0]])

    def _maybe_body(self, name: str) -> bool:
        """Whether a name the name words read as a person's ("Orvane Textiles") may be a
        body's: nothing in the article shows a person by it (title, sex or speech)."""
        return name_kind(name) == "person" and name not in self.roles and hinted_gender(
            self, name) is None and not any(s.kind == "person" and s.name == name
                                           for s in self.sources)

    def _last_body(self, pos: int) -> Source | None:
        """The last organisation of any kind named before `pos`: "the group"."""
        for k in range(bisect_left(self.run_positions, pos) - 1, -1, -1):
            name = _POSSESSIVE_END.sub("", self.runs[k][1])
            if " " in name and not split_title(name)[0] and name_kind(name) == "organization" and (
                    _words(name)[-1] not in TITLE_WORDS and not name.isupper()):
                return self._find(name, "organization") or self._add(name, "organization", None)
        return None

    def _bearer(self, surname: str, sex: str | None) -> str | None:
        """The one full name with this surname whose sex may be `sex` ("Mr Farrow" is
        Colin Farrow, not "his wife, Anne Farrow"); None when no one or several."""
        fulls = {f for f in self._by_last.get(surname.lower().strip(".’'"), ())}
        if sex is not None:
            fulls = {f for f in fulls if hinted_gender(self, f) in (None, sex)}
        return fulls.pop() if len(fulls) == 1 else None

    def _fullest_person(self, name: str) -> str:
        """The longest article name ending in the same words ("Kowal" -> "Jan Kowal")."""
        words = _words(name)
        if not words:
            return name
        best, best_len = name, len(words)
        for full in self._by_last.get(words[-1], ()):
            fw = _words(full)
            if len(fw) > best_len and fw[-len(words) :] == words:
                best, best_len = full, len(fw)
        return best

    def _find(self, name: str, kind: str) -> Source | None:
        words = _words(name)
        low = name.lower()
        for src in reversed(self.sources):
            sw = _words(src.name)
            if src.name.lower() == low or low in (a.lower() for a in src.aliases):
                return src
            if kind == "person" and src.kind == "person":
                if sw[-len(words) :] == words or words[-len(sw) :] == sw:
                    return src
                if len(words) == 1 and words[0] in _surnames(src.name):
                    return src
            if kind == "organization" and src.kind == "organization":
                if name.isupper() and _acronym(src.name) == name:
                    return src
                if len(words) == 1 and words[0] in sw:
                    return src
        return None

    def _last_person_before(self, pos: int) -> str | None:
        i = bisect_left(self._positions, pos) - 1
        return self.people[i][1] if i >= 0 else None

    def _add(self, name: str, kind: str, role: str | None) -> Source:
        src = Source(name, kind, role)  # type: ignore[arg-type]
        if kind == "person":
            src.gender = hinted_gender(self, name)  # "his wife, Ana Ruiz": she
        self.sources.append(src)
        return src

    # -- resolution --------------------------------------------------------------------

    def resolve(self, m: Mention, pos: int, sentence_start: int | None = None) -> Source | None:
        """Return the source a mention names, creating it when new."""
        if m.pronoun and m.pronoun != m.surface.lower():
            return member_of_group(self, m, pos)  # "one of them"
        if m.pronoun:
            return self._resolve_pronoun(m.pronoun, pos)
        if sentence_start is None:
            sentence_start = pos
        voice = _FIRM_VOICE.fullmatch(m.name) if m.kind == "unnamed" else None
        trade = (voice.group(1) or voice.group(2)).lower() if voice else ""
        if voice and (firm := self._named_org(pos, None if trade in ("company", "firm") else trade)
                      ) is not None:
            src = firm  # "a company spokesperson said": the company speaks
        elif m.kind == "unnamed" and (body := self._voiced_body(m.name, pos)) is not None:
            src = body  # "a university spokeswoman said": the university speaks
        elif m.kind == "group" and (joined := self._counted_bodies(m.name, pos)):
            src = self._find(joined, "group") or self._add(joined, "group", None)
        elif m.definite:
            src = self._resolve_description(m, pos, sentence_start)
        elif m.kind in ("person", "organization"):
            src = self._resolve_name(m)
        else:
            src = self._find(m.name, m.kind) or self._add(m.name, m.kind, m.role)
        if src is not None:
            src.add_alias(m.surface)
            if m.role and not src.role and not m.definite:
                src.role = m.role  # "the minister" is an alias, not a learned role
        return src

    def note_subject(self, src: Source, pos: int, content: str = "") -> None:
        """Remember that `src` was the subject at `pos`, for later pronouns; "Ana Ruiz
        said she ..." also tells her gender."""
        self.history.append((pos, src))
        first = content.split(maxsplit=1)[0].lower() if content.strip() else ""
        if src.kind == "person" and src.gender is None and first in ("he", "she") and not any(
                s.gender == first for s in self.sources if s is not src):
            # (with a "she" known already, "Ode says she is hard to beat" may be about her)
            src.gender = first

    def _resolve_pronoun(self, pronoun: str, pos: int) -> Source | None:
        wanted = {
            "he": ("person",),
            "she": ("person",),
            "they": ("group", "organization"),
            "it": ("organization",),
        }[pronoun]
        if pronoun in ("he", "she"):
            # The nearest person who may be "she": recency beats a known gender further
            # back, but one known to be "he" is skipped. "A senior nurse said ..." is a
            # person too.
            at, chosen = next(((p, s) for p, s in reversed(self.history) if p < pos and (
                s.kind == "person" or singular_unnamed(s)) and s.gender in (None, pronoun)),
                (-1, None))
            opener = person_opening_sentence(self, at, pos, pronoun)
            chosen = opener or chosen
            if self.feature and chosen is not None and chosen.gender is None:
                chosen = self._central(pronoun, pos, chosen)
            if chosen is not None:
                chosen.gender = pronoun
                return chosen
        earlier = [src for p, src in reversed(self.history) if p < pos and src.kind in wanted]
        if pronoun not in ("he", "she") and earlier:
            return earlier[0]
        if pronoun in ("he", "she"):  # nobody spoke before: the last person named
            for k in self._people_by_salience(pos):
                # the last person named who may be "she": not "her husband, Tom Ruiz"
                name = self.people[k][1]
                known = self._find(name, "person")
                if (known.gender if known else hinted_gender(self, name)) in (None, pronoun):
                    chosen = known or self._add(name, "person", None)
                    chosen.gender = pronoun  # a later "he" is someone else
                    return chosen
            described = self._last_title_description(pos)
            if described is not None:
                return described
            for p, src in reversed(self.history):
                # "Ruiz said ... He added": a lone surname first taken for an organisation.
                if p < pos and src.kind == "organization" and " " not in src.name and not (
                        src.name.isupper() or src.name.lower() in ORG_WORDS):
                    src.kind = "person"
                    return src
        return None

    def _central(self, pronoun: str, pos: int, other: Source) -> Source:
        """In a feature ('she says'), the person the piece is about: the one heard most so
        far, known to be `pronoun`, rather than someone heard less whose sex the article
        never showed ('His supervisor, Karen Holt, says ... "...," he says').
        """
        counts: dict[int, int] = {}
        for p, src in self.history:
            if p < pos:
                counts[id(src)] = counts.get(id(src), 0) + 1
        best = max((s for s in self.sources if s.gender == pronoun and s.kind == "person"),
                   key=lambda s: counts.get(id(s), 0), default=None)
        if best is not None and counts.get(id(best), 0) >= max(1, counts.get(id(other), 0)):
            return best
        if not counts and self.people and self.people[0][1] != other.name:
            # nobody heard yet: the person the piece opens with, if their own sentence
            # calls them "she" ("Grace Amadu trained as an engineer before she ...")
            start, name = self.people[0]
            end = self._masked.find(".", start, pos)
            if end > 0 and re.search(rf"\b{pronoun}\b", self._masked[start:end]):
                return self._find(name, "person") or self._add(name, "person", self.roles.get(name))
        return other

    def _people_by_salience(self, pos: int) -> list[int]:
        """Indexes of the people named before `pos`, latest sentence first and, within a
        sentence, in order: 'Tom Baird met Ana Ruiz. He said ...' - the subject first."""
        order: list[int] = []
        k = bisect_left(self._positions, pos) - 1
        while k >= 0:
            s = bisect_left(self._sentence_starts, self.people[k][0] + 1) - 1
            lo = self._sentence_starts[s] if s >= 0 else 0
            first = bisect_left(self._positions, lo)
            order.extend(range(first, k + 1))
            k = first - 1
        return order

    def _last_title_description(self, pos: int) -> Source | None:
        """'The coach, known for his temper, protested. "...," he said.': with no name
        in sight, the last 'the <title>' mentioned is who 'he' is."""
        found = None
        for m in _TITLE_DESCRIPTION.finditer(self._masked, max(0, pos - 3000), pos):
            if m.group(1).lower() in TITLE_WORDS:
                found = m
        if found is None:
            return None
        phrase = found.group().strip()
        return self._resolve_description(Mention(phrase, "person", phrase, definite=True),
                                         pos, found.start())

    def last_organisation(self, pos: int) -> Source | None:
        """The last organisation named before `pos` ("The Tax Office published ...")."""
        found = None
        for start, name in reversed(self.runs):
            if start < pos and " " in name and name_kind(name) == "organization":
                found = name
                break
        if found is None:
            return None
        return self._find(found, "organization") or self._add(found, "organization", None)

    def _resolve_name(self, m: Mention) -> Source:
        name, kind = m.name, m.kind
        if name in self.acronyms:
            name, kind = self.acronyms[name], "organization"
        if len(name.split()) == 1:
            # A single word is a surname if the article gives someone that surname.
            full = self._by_surname.get(name.lower().strip(".’'"))
            if full is not None:
                name, kind = full, "person"
            elif kind == "organization" and (whole := self._org_starting(name)):
                name = whole  # "Nordlund said" after "Nordlund Shipping": the full name
        elif self._find(name, kind) is None and name not in self.roles and (
                kind == "organization" or hinted_gender(self, name) is None) and (
                whole := self._body_starting(name)):
            name, kind = whole, "organization"  # "Harwick Valley" for "Harwick Valley Water Co"
        if kind == "person":
            name = self._fullest_person(name)
        src = self._find(name, kind)
        if src is None:
            for other in self.sources:  # "AIU" for an org known by its full name
                if other.kind == "organization" and _acronym(other.name) == name:
                    return other
            return self._add(name, kind, m.role)
        if len(name) > len(src.name):
            src.add_alias(src.name)
            src.name = name
        return src

    def _resolve_description(self, m: Mention, pos: int, sentence_start: int) -> Source | None:
        """'the commissioner' -> the source whose role says commissioner."""
        words = [w for w in _words(m.name) if w not in ("the",)]
        if not words:
            return None
        head = words[-1]
        if parent := _PARENT_OF.search(m.name):
            # "the mother of three said": the woman last heard or named
            sex = "she" if parent.group(1) in ("mother", "grandmother") else "he"
            for p, src in reversed(self.history):
                if p < pos and src.kind == "person" and src.gender in (None, sex):
                    return src
            return self._resolve_pronoun(sex, pos)
        if re.fullmatch(r"\d+-year-old", head):
            name = self._last_person_before(pos)
            return self._resolve_name(Mention(name, "person", name)) if name else None
        if head in _PLURAL_BODIES and all(w in _COUNTS for w in words[:-1]) and (
                joined := self._bodies_before(pos, _COUNTS.get(words[0], 2) if words[:-1] else 2)):
            # "the two companies said": the bodies named before, together
            return self._find(joined, "group") or self._add(joined, "group", None)
        adjectives = [w for w in words[:-1] if w in DEMONYMS]
        former = "former" in words[:-1]
        for src in reversed(self.sources):
            # Heads only: "the Directorate of the Ministry" is no ministry.
            heads = " ".join(_OF_TAIL.split(a)[0] for a in src.aliases)
            # "officials at the ministry" are no ministry: a group is named by its head
            # and "the university" is no "Guild of University Staff": a body's head too
            own = src.name if src.kind == "person" else _OF_TAIL.split(src.name)[0]
            hay = " ".join(_words(f"{src.role or ''} {' '.join(src.roles)} {own} {heads}"))
            if re.search(_head_pattern(head), hay) and all(
                a in hay or DEMONYMS[a] in hay for a in adjectives
            ) and (not former or "former" in hay):  # "the former chair" is not the chair
                if m.kind == "organization" and src.kind == "person":
                    if body := self._named_org(pos, head) or (
                            self._named_org(pos) if head in _CORPORATE else None):
                        return body  # "the company said": the firm named, not its chief
                    if not re.search(_head_pattern(head), _POSSESSIVE_WORD.sub(" ", hay)):
                        continue  # "the council's leader" is not the council
                return src
        bare = len(m.name.split()) == 2  # "the company", not "the regional chamber"
        if not bare and (head in _CORPORATE or head in _TEAMS):
            # "Acme Lines expects losses, the Swedish haulage group said": a firm described
            # by its trade names the firm that opens the sentence
            named = self._name_before(pos, sentence_start)
            if named:
                return self._find(named, "organization") or self._add(named, "organization", m.role)
        if m.kind == "person" and head not in TITLE_WORDS and re.search(r"(?:maker|ist|ian)$", head):
            # "the policy-maker said": an unlisted agent noun; the last person speaking.
            for p, src in reversed(self.history):
                if p < pos and src.kind == "person":
                    return src
            return self._resolve_pronoun("she", pos)
        if head not in TITLE_WORDS and bare and head not in _INSTITUTIONS:
            # "the company", "the researchers": the last source of that sort, else the
            # organisation named just before in the sentence.
            if not head.endswith("s") or head in ORG_WORDS:
                # "the trust" after "the Hollins Vale NHS Trust was fined": the body whose
                # name has that word, even if another has spoken since
                found = self._named_org(pos, head)
                if found is not None:
                    return found
            if head.endswith("s") and head not in SOURCE_NOUNS:
                wanted: tuple[str, ...] = ()  # "the robbers" name no earlier source
            else:
                wanted = ("group", "organization") if head.endswith("s") else ("organization",)
            corporate = head in _CORPORATE
            for p, src in reversed(self.history):
                if p < pos and src.kind in wanted and not (corporate and _public_body(src.name)):
                    return src  # "the company" is never the union that spoke last
            named = self._name_before(pos, sentence_start)
            if named:
                return self._find(named, "organization") or self._add(named, "organization", m.role)
            if corporate and (found := self._named_org(pos)) is not None:
                return found  # "Brightwell Foods will close a plant. The company said ..."
            if head in _GROUP_HEADS and (found := self._last_body(pos)) is not None:
                return found  # "The Tarn Alliance met. The group said ...": any body
        near = sorted(self.described, key=lambda d: (d[0] > pos, abs(d[0] - pos)))
        for _, description, named in near:
            # "the council's leader, Amy Pike" describes no council
            own_head = description.split()[-1]  # "the union leader, Tom Kell" is no union
            if (own_head == head or own_head in HEAD_SYNONYMS.get(head, ())) and (
                    not former or "former" in description):
                kind = "person" if name_kind(named) == "person" else "organization"
                return self._resolve_name(Mention(named, kind, named, role=description))
        if head in _CORPORATE and not bare:
            # "the rail operator" after "Sam Okoro, chief executive of Brightline Rail":
            # the firm named with the description's trade, else the last firm named
            for w in words[:-1]:
                if w not in DEMONYMS and (found := self._named_org(pos, w)) is not None:
                    return found
            if (found := self._named_org(pos)) is not None:
                return found
        for p, full in reversed(self.people):
            role = self.roles.get(full, "").lower()
            if role:  # "Dr Lena Varga" is "the doctor", "Prof Ian Moss" "the professor"
                role = _ABBREVIATED_TITLE.sub(lambda t: _TITLE_IN_FULL[t.group(1)], role)
            if p < pos and re.search(rf"\b{re.escape(head)}\b", role) and (
                    not former or "former" in role):
                return self._resolve_name(Mention(full, "person", full, role=self.roles[full]))
        name = re.sub(r"^(?:the|its|their|his|her)\s+", "", m.name, flags=re.I)
        if bare and head in ORG_NOUNS and (ahead := self._org_named_next(pos, head)) is not None:
            return ahead  # "..., their union said. The Drivers' Union of X said ...": named next
        if len(name.split()) == 1:
            # "the council said" after "the city council approved ...": the fuller wording
            fuller = re.findall(rf"\b[Tt]he\s+((?:[a-z][\w-]*\s+){{1,2}}{re.escape(name)})\b",
                                self._masked[max(0, pos - 3000) : pos])
            name = fuller[-1] if fuller else name
        return self._find(name, m.kind) or self._add(name, m.kind, m.role)

    def _voiced_body(self, name: str, pos: int) -> Source | None:
        """The organisation an unnamed spokesperson speaks for, when the article has
        named it: by one of its name's words or its initials, or by its kind."""
        voice = _BODY_VOICE.fullmatch(name)
        if voice is None:
            return None
        word = voice.group("pre") or voice.group("body")
        if word[:1].islower():
            return self._named_org(pos, word)
        word = _POSSESSIVE_END.sub("", word)
        if word in self.acronyms:  # "(CFR)" after a name: initials are a body's
            name = self.acronyms[word]
            return self._find(name, "organization") or self._add(name, "organization", None)
        found = self._find(word, "organization")
        if found is not None:
            return found if found.kind == "organization" else None
        for k in range(bisect_left(self.run_positions, pos) - 1, -1, -1):
            name = _POSSESSIVE_END.sub("", self.runs[k][1])
            if " " in name and (word.isupper() and _acronym(name) == word or (
                    name.startswith(word + " ") and name in self._firms)) and (
                    name_kind(name) == "organization" or name in self._firms):
                return self._find(name, "organization") or self._add(name, "organization", None)
        return None

    def _named_org(self, pos: int, word: str | None = None) -> Source | None:
        """The last organisation named before `pos` in two words or more: with `word`,
        one whose name has that word ("the trust" -> "Hollins Vale NHS Trust"); without,
        one that is no public body ("the company" -> "Brightwell Foods")."""
        for k in range(bisect_left(self.run_positions, pos) - 1, -1, -1):
            name = _POSSESSIVE_END.sub("", self.runs[k][1])
            if " " not in name and not any(
                    s.name == name and s.kind == "organization" for s in self.sources):
                continue  # one word is a body only once it has spoken as one ("Brightwell")
            if split_title(name)[0] or name_kind(name) != "organization":
                continue
            words = _words(name)
            if words[-1] in TITLE_WORDS:
                continue  # a byline's "Technology Reporter": an office, not a body
            if word:  # by the name's head: "the university" is no "Guild of University Staff"
                words = _words(_OF_TAIL.split(name)[0])
            if word and (word in words or any(w in words for w in HEAD_SYNONYMS.get(word, ()))) or (
                    not word and not (_public_body(name) or name.isupper())):
                return self._find(name, "organization") or self._add(name, "organization", None)
        return None

    def _org_named_next(self, pos: int, head: str) -> Source | None:
        """The organisation with `head` in its name named just after `pos` (within the
        next sentence or two), for a body described before the article names it."""
        for k in range(bisect_left(self.run_positions, pos), len(self.runs)):
            start, name = self.runs[k]
            if start > pos + _CATAPHORA_REACH:
                break
            name = _POSSESSIVE_END.sub("", name)
            if " " in name and head in _words(name) and not split_title(name)[0] and (
                    name_kind(name) == "organization"):
                return self._find(name, "organization") or self._add(name, "organization", None)
        return None

    def _name_before(self, pos: int, lo: int) -> str | None:
        """The name that opens the sentence, when it is nobody's personal name:
        'Acme Corp shares fell after the company said ...' -> 'Acme Corp'."""
        for m in NAME_RUN.finditer(self._masked, lo, pos):
            if re.search(r"[a-z]", self._masked[lo : m.start()]):
                return None  # not the sentence's opening words
            toks = m.group().split()
            while toks and toks[0].lower() in _LEADING_FUNCTION:
                toks = toks[1:]
            name = " ".join(toks)
            if not name or name.isupper():
                continue  # a dateline
            if name in self.roles or any(s.name == name and s.kind == "person" for s in self.sources):
                return None  # "Minister Jan Kowal ..., the ministry said": a person opens it
            if len(toks) >= 2 or re.search(r"\w[.\-]\w|[a-z][A-Z]", name):
                return name
            if _APPOSED_BODY.match(self._masked, m.end()) and name.lower() not in self._by_surname:
                return name  # "Brightwell, the Danish maker of kettles, will ...": a body
            return None
        return None

    def named_like(self, word: str, pos: int) -> Source | None:
        """The source called by a name with `word` in it ("the council" -> "Ashby City
        Council"), from the sources so far or else from the article's capitalised names."""
        low = word.lower()
        word = self.acronyms.get(word, word)  # "the AIU" -> its full name
        for src in reversed(self.sources):
            if low in _words(src.name) or src.name == word or (
                    word.isupper() and _acronym(src.name) == word):
                return src
        for start, name in self.runs:
            if start >= pos:
                break
            if " " in name and low in _words(name) and name_kind(split_title(name)[1]) == (
                    "organization") and not split_title(name)[0]:
                return self._add(name, "organization", None)  # not "Mayor Tom Harkin"
        return None

    def add_source(self, name: str) -> Source:
        """Register a source named outside the resolution stages."""
        return self._find(name, name_kind(name)) or self._add(name, name_kind(name), None)

    def speakers(self) -> list[Source]:
        return self.sources
