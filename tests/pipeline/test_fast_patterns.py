"""Patterns rewritten for speed find exactly what their plain forms find.

Each fast pattern opens with a character class or literal (so that a regex search skips
to candidates in C), uses possessive repeats, or replaces a search anchored at the end
by a forward pass. The plain form beside it is the readable definition; random strings
built from the characters that matter must give the same matches under both.
"""

import random
import re

import pytest

from app.pipeline import content, cues, name_forms, sentences, speakers, subjects

PIECES = [
    "the ", "The ", "a ", "an ", "An ", "its ", "their ", "Their ", "thea", "union ", "Acme ",
    "Bank", " of ", " van ", "der ", " and ", "Ana Ruiz", "Dr", "Mr", "Mrs", "Prof", "St", ".",
    ". ", " ", "\n", "\t", "Ó", "Ní", "É", "é", "J", "U", "S", "B.", "C.D.", "’s", "'s", "’",
    "'", "-", "_", "_’", ",", ", ", "123", "1234", "“", "”", '"', "‘", ":", ";", " — ", " – ",
    " - ", "that", "xthat", "thats", " that ", "x", "s", "İ", "Łódź", "has", " also", " then",
    "His ", "her ", "hers ", "Heir ",
]


def _strings(seed: int, count: int = 4000) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        s = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        lo = rng.randint(0, len(s))
        out.append((s, lo, rng.randint(lo, len(s))))
    return out


def _plain_name_run() -> re.Pattern[str]:
    prefix = f"[{speakers.UPPER}]{speakers._CAP_REST}"
    assert speakers.NAME_RUN.pattern.startswith(prefix)
    return re.compile(speakers._CAP + speakers.NAME_RUN.pattern[len(prefix):])


def _plain_described_name() -> re.Pattern[str]:
    fast_head = (r"[TtIiAaHh](?<=\b[TtIiAaHh])(?:(?<=[Tt])he|(?<=[Ii])ts|(?<=[Tt])heir|(?<=[Aa])n?|"
                 r"(?<=[Hh])is|(?<=[Hh])er)")
    assert name_forms._DESCRIBED_NAME.pattern.startswith(fast_head)
    rest = name_forms._DESCRIBED_NAME.pattern[len(fast_head):]
    rest = rest.replace(speakers.NAME_RUN.pattern, _plain_name_run().pattern)
    return re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?|[Hh]is|[Hh]er)" + rest.replace("*+", "*"))


PAIRS = [
    ("NAME_RUN", speakers.NAME_RUN, _plain_name_run()),
    ("_DESCRIBED_NAME", name_forms._DESCRIBED_NAME, _plain_described_name()),
    ("_CHUNK_SPLIT", subjects._CHUNK_SPLIT, re.compile(r",(?!\d{3}\b)|[“”\"‘]|(?<=_)’")),
    ("_BOUNDARY", subjects._BOUNDARY, re.compile(r"[:;]|\s[—–]\s|\s-\s|\bthat\b")),
    ("_THAT", content._THAT, re.compile(r"\bthat\b")),
    ("_TRAILING_AUX", subjects._TRAILING_AUX, re.compile(
        rf"(?:\s+{subjects._AUX})+\s*$")),
]


@pytest.mark.parametrize(("name", "fast", "plain"), PAIRS, ids=[p[0] for p in PAIRS])
def test_fast_pattern_matches_plain_form(name: str, fast: re.Pattern[str],
                                         plain: re.Pattern[str]) -> None:
    for s, lo, hi in _strings(seed=len(name)):
        expected = [(m.span(), m.groups()) for m in plain.finditer(s, lo, hi)]
        assert [(m.span(), m.groups()) for m in fast.finditer(s, lo, hi)] == expected, (s, lo, hi)


def test_word_before_a_dot_is_the_end_anchored_search() -> None:
    plain = re.compile(r"([\w.’'-]+)$")
    for s, _, dot in _strings(seed=7):
        m = plain.search(s, max(0, dot - 30), dot)
        assert sentences._word_before(s, dot) == (m.group(1) if m else ""), (s, dot)


def test_last_word_run_is_the_end_anchored_search() -> None:
    plain = re.compile(r"([\w’']+)\W*$")
    for s, _, _ in _strings(seed=8):
        m = plain.search(s)
        runs = cues._WORD_RUN.findall(s)
        if m and re.search(r"\w", s):
            assert runs[-1] == m.group(1), s
        else:
            assert not runs, s
