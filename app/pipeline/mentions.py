"""Names mentioned inside a statement: the people, organisations and places it talks about.

A mention is a capitalised name run (`NAME_RUN`, the pattern speakers are read with)
stripped of what only looks like a name because of its capital: a sentence-opening
function word or pronoun ("The", "We"), a month or weekday, a title before the name
("Minister Anna Nowak" -> "Anna Nowak"). A surname or short form of a source the
article names is given as that source's fullest name, so that "Nowak" in one quote and
"Anna Nowak" in another are the same mention.
"""

import re
from collections.abc import Iterable

from app.pipeline.lexicon import (
    DEMONYMS,
    DETERMINERS,
    FIRST_PERSON,
    HONORIFICS,
    INTRO_WORDS,
    MONTHS,
    PRONOUNS,
    SENTENCE_STARTERS,
    TITLE_QUALIFIERS,
    TITLE_WORDS,
    WEEKDAYS,
)
from app.pipeline.speakers import LEADERS, NAME_RUN, split_title
from app.pipeline.types import SpeakerRef
from app.textnorm import fold

# Words that are capitalised only because they open a sentence or a quote, or that
# name a time rather than anyone: never a mention, and stripped from a run's start.
_NOT_NAMES = frozenset(
    DETERMINERS
    | INTRO_WORDS
    | SENTENCE_STARTERS
    | LEADERS
    | FIRST_PERSON
    | frozenset(PRONOUNS)
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(
        """
    i it's we're we've we'll i'm i've i'll you're they're there's that's let's let no not yes
    his hers him them us our my mine your yours what which who whom whose how why where when
    today yesterday tomorrow tonight mr mrs ms dr prof sir madam
    """.split()
    )
)
_POSSESSIVE = re.compile(r"[’']s?$")
# Where a sentence or a quoted passage opens: the start of the text, or after . ! ? or
# an opening quote (with any quote marks and spaces between).
_OPENS = re.compile(r"(?:^|[.!?:;]|[\"“‘(—–-])[\"“”‘’'\s]*$")
_AND = re.compile(r"\s+and\s+")
_MAX_WORDS = 8  # longer runs are headlines in title case, not names


def _fold(text: str) -> str:
    """`fold`, without its Unicode normalisation for ASCII text, which has no accents to
    strip and whose casefold is its lower case: names are nearly all ASCII, and
    normalising them character by character was most of what finding mentions cost."""
    return " ".join(text.lower().split()) if text.isascii() else fold(text)


def find_mentions(text: str, speakers: Iterable[SpeakerRef] = ()) -> tuple[str, ...]:
    """Return the names `text` mentions, in order of first appearance, each once.

    `speakers` are the article's sources: a mention that is one of their surface forms
    (a surname, a short form) is returned as their fullest name.

    >>> find_mentions("We told Brussels in March that Nowak would go to the Bank of Portugal.",
    ...               [SpeakerRef("Anna Nowak", "person", aliases=("Nowak",))])
    ('Brussels', 'Anna Nowak', 'Bank of Portugal')
    """
    return mentions_with(text, fullest_forms(speakers))


def mentions_with(text: str, fullest: dict[str, str]) -> tuple[str, ...]:
    """`find_mentions` with the sources' forms already folded (`fullest_forms`): an
    article's statements share one table, and folding every alias again for each
    statement once cost a third of the whole extraction."""
    found: dict[str, str] = {}
    for match in NAME_RUN.finditer(text):
        opens = bool(_OPENS.search(text, 0, match.start()))
        # "NATO and the European Commission": two names; "&" stays ("Smith & Sons").
        for number, part in enumerate(_AND.split(match.group())):
            name = _name_in(part, opens=opens and number == 0, known=fullest)
            if name is not None:
                name = fullest.get(_fold(name), name)
                found.setdefault(_fold(name), name)
    return tuple(found.values())


def _name_in(run: str, *, opens: bool, known: dict[str, str]) -> str | None:
    """The name a capitalised run holds, or None when it holds none."""
    words = run.split()
    if len(words) > _MAX_WORDS:
        return None
    words[-1] = _POSSESSIVE.sub("", words[-1])
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower().rstrip(".") in HONORIFICS):
        words.pop(0)
        opens = False
    while words and words[-1].lower() in _NOT_NAMES | {"of", "for", "and", "&"}:
        words.pop()  # "Anna Nowak Monday", "Bank of"
    if not words:
        return None
    role, name = split_title(" ".join(words))
    opens = opens and not role
    words = name.split()
    if len(words) == 1:
        low = words[0].lower().rstrip(".")
        if low in TITLE_WORDS or low in TITLE_QUALIFIERS or low in DEMONYMS:
            return None  # "Minister", "Senior", "British": not a name on their own
        if opens and not words[0].isupper() and _fold(name) not in known:
            return None  # "Officials said ...": a capital only because the sentence opens
    return name


def fullest_forms(speakers: Iterable[SpeakerRef]) -> dict[str, str]:
    """Folded surface form -> the source's full name, for named sources.

    A bare surname maps to a person only when one source of the article bears it.
    """
    forms: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for ref in speakers:
        if ref.kind == "unnamed":
            continue
        for alias in (*ref.aliases, ref.name):
            key = _fold(alias)
            if key and not key.startswith(("the ", "a ", "an ")) and key not in PRONOUNS:
                forms.setdefault(key, ref.name)
        if ref.kind == "person":
            surnames.setdefault(_fold(ref.name).rsplit(" ", 1)[-1], set()).add(ref.name)
    for surname, names in surnames.items():
        if len(names) == 1:
            forms.setdefault(surname, next(iter(names)))
    return forms
