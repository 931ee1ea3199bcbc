"""The sources of one article and the index of its names that resolution looks them up in.

`SourceIndex` reads every capitalised name once, when an article opens (people, roles,
initials, descriptions put before or after names), and then answers lookups over them:
the fullest form of a name, the organisation named last, the bodies "the two companies"
stand for. It also holds the sources found so far. Resolving a mention to one of them
(names, pronouns, descriptions) is `coref.Registry`, built on this class.
"""

import re
from bisect import bisect_left

from app.pipeline.lexicon import HEAD_SYNONYMS, HONORIFICS, SOURCE_NOUNS, TITLE_WORDS
from app.pipeline.name_forms import (
    _ACRONYM_DEF,
    _APPOSED_BODY,
    _APPOSITION_END,
    _BODY_VOICE,
    _COUNTS,
    _DESCRIBED_NAME,
    _DESCRIPTION_HEADS,
    _FIRM_TRADES,
    _HONORIFIC_SEX,
    _LEADING_FUNCTION,
    _LINK_SPLIT,
    _LINK_TAIL,
    _LOWER_TITLE,
    _NAME_THEN_DESCRIPTION,
    _OF_PLACE,
    _OF_TAIL,
    _OWNER_END,
    _PLURAL_BODIES,
    _POSSESSIVE_END,
    _public_body,
    _surnames,
)
from app.pipeline.openers import hinted_gender
from app.pipeline.speakers import NAME_RUN, Source, _acronym, _words, name_kind, possessor_split, split_title

_BODIES_REACH = 2000  # characters back from "the companies" searched for their names
_CATAPHORA_REACH = 400  # characters after "their union said" searched for the union's name


class SourceIndex:
    """Names of one article, indexed, and the sources found in it so far."""

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
