"""When a statement was made: explicit dates near the cue, resolved to calendar dates.

    "... said on February 12, 2025"           -> 2025-02-12
    "... said on Wednesday" (published Thu)   -> the day before
    "... told reporters on March 3"           -> March 3 of the publication year
"""

import re
from datetime import date, timedelta

from app.pipeline.lexicon import MONTHS, WEEKDAYS

_MONTH = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(
    m[:3].capitalize() + r"\." for m in MONTHS)
# The lookahead lists the letters a date can begin with ("on", a weekday, a month, a day
# number, "yesterday", "today"): a search rejects other offsets in one test.
_FIRST = "".join(sorted({w[0].upper() for w in (*WEEKDAYS, *MONTHS)}))
_DATE = re.compile(
    rf"(?=[o{_FIRST}yt\d])\b(?:on\s+)?(?:(?P<wd>{'|'.join(w.capitalize() for w in WEEKDAYS)})\b"
    rf"|(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<rel>yesterday|today))")

_DIGIT = re.compile(r"\d")


def _month_number(name: str) -> int:
    return [m[:3] for m in MONTHS].index(name[:3].lower()) + 1


def _weekday_before(published: date, weekday: int) -> date:
    """The latest such weekday on or before publication: news reports the past."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def resolve_date(m: re.Match[str], published: date | None) -> date | None:
    """Turn one date match into a date, using the publication date for what is missing."""
    if m.group("wd"):
        if published is None:
            return None
        return _weekday_before(published, WEEKDAYS.index(m.group("wd").lower()))
    if m.group("rel"):
        if published is None:
            return None
        return published - timedelta(days=1) if m.group("rel") == "yesterday" else published
    month = m.group("m1") or m.group("m2")
    day = int(m.group("d1") or m.group("d2"))
    year_text = m.group("y1") or m.group("y2")
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
    else:
        return None
    try:
        found = date(year, _month_number(month), day)
    except ValueError:
        return None
    if not year_text and published is not None and found > published:
        found = found.replace(year=year - 1)
    return found


def date_in(text: str, spans: list[tuple[int, int]], published: date | None) -> date | None:
    """The first explicit date inside any of `spans` of `text` that is not after the
    publication date (a statement is reported after it is made; "who will travel on
    Friday" dates something else).

    >>> date_in(t := "She said on Monday it failed", [(0, len(t))], date(2025, 3, 5))
    datetime.date(2025, 3, 3)
    """
    for lo, hi in spans:
        if text.find("day", lo, hi) < 0 and not _DIGIT.search(text, lo, hi):
            continue  # every date has a digit or a "day" (weekdays, yesterday, today)
        for m in _DATE.finditer(text, lo, hi):
            found = resolve_date(m, published)
            if found is not None and (published is None or found <= published):
                return found
    return None
