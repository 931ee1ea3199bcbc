"""Coreference for speakers: one `Source` per real-world source in an article.

Resolves surname-only mentions ("Kowal") and fuller ones ("Jan Kowal") to the
fullest name the article gives, pronouns ("she") to the last person who spoke,
and descriptions ("the minister", "the regulator") to the source whose role or
name carries that word.

`Registry` holds that resolution; the article's names, indexed when it opens, and
the lookups over them are its base, `source_index.SourceIndex`; the patterns that
read names and descriptions are in `name_forms`.
"""

import re
from bisect import bisect_left
from functools import lru_cache

from app.pipeline.lexicon import DEMONYMS, HEAD_SYNONYMS, ORG_NOUNS, ORG_WORDS, SOURCE_NOUNS, TITLE_WORDS
from app.pipeline.name_forms import (
    _CORPORATE,
    _COUNTS,
    _OF_TAIL,
    _PLURAL_BODIES,
    _public_body,
)
from app.pipeline.openers import hinted_gender, member_of_group, person_opening_sentence, singular_unnamed
from app.pipeline.source_index import SourceIndex
from app.pipeline.speakers import Mention, Source, _acronym, _words, name_kind

_TITLE_DESCRIPTION = re.compile(r"\b[Tt]he\s+([a-z]+)\b(?![’']s)")
# Bodies that "the X" names by itself, never another organisation just mentioned.
_INSTITUTIONS = frozenset(
    "police army military navy government parliament church media opposition public".split())
# A spokesperson who speaks for a firm the article has named: "a company spokesman".
_FIRM_VOICE = re.compile(r"[Aa]n?\s+(" + "|".join(sorted(_CORPORATE)) + r")\s+spokes(?:man|woman|person)|"
                         r"[Aa]n?\s+spokes(?:man|woman|person)\s+for\s+the\s+(" + "|".join(sorted(_CORPORATE))
                         + r")")
_GROUP_HEADS = frozenset({"group", "organisation", "organization"})
# Sports bodies described by their standing: "the second-tier side", "the cup holders' club".
_TEAMS = frozenset("club side team squad outfit franchise".split())
_PARENT_OF = re.compile(r"\b(mother|father|grandmother|grandfather)\s+of\s+(?:\d+|one|two|three|"
                        r"four|five|six|seven|eight|nine|ten)$")
_POSSESSIVE_WORD = re.compile(r"\S+[’']s\b")
_TITLE_IN_FULL = {"dr": "doctor", "prof": "professor", "gen": "general", "gov": "governor",
                  "sen": "senator", "rep": "representative", "supt": "superintendent"}
_ABBREVIATED_TITLE = re.compile(r"\b(" + "|".join(_TITLE_IN_FULL) + r")\b\.?")


@lru_cache(maxsize=1024)  # pure; asked again for each source a description is tried on
def _head_pattern(head: str) -> str:
    """A description's head and the words that stand for it: "the government" is also
    spoken for by a minister, "the court" by its judges."""
    words = [head, *HEAD_SYNONYMS.get(head, ())]
    return r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"


class Registry(SourceIndex):
    """Sources of one article, built up while its statements are read in order."""

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
