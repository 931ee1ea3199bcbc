"""Headline attributions in the 'Speaker: claim' form ('Regulator: bills to rise 4%').

Only a label that names a source the article itself quotes counts, so that
'Analysis: ...' or 'Measles in Europe: ...' stay out.
"""

import re

from app.pipeline.coref import Registry
from app.pipeline.lexicon import SOURCE_NOUNS, TITLE_WORDS
from app.pipeline.sentences import Sentence
from app.pipeline.speakers import Source, _words

_TITLES_OR_SOURCES = TITLE_WORDS | SOURCE_NOUNS
_HEADLINE = re.compile(r"([^\n:]{2,48}?):\s+([^\n]{8,})")
_GENERIC = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "and",
        "for",
        "to",
        "eu",
        "us",
        "uk",
        "un",
        "new",
        "analysis",
        "update",
        "breaking",
        "live",
        "opinion",
        "explainer",
        "exclusive",
        "watch",
        "interview",
        "comment",
        "review",
    }
)


def _label_source(label: str, registry: Registry, masked: str, body: int) -> Source | None:
    words = set(_words(label)) - _GENERIC
    if not words or len(label.split()) > 5:
        return None
    for src in registry.speakers():
        names = set(_words(src.name)) - _GENERIC
        if words <= names:
            return src
    return _described_person(label, registry, masked, body)


def _described_person(label: str, registry: Registry, masked: str, body: int) -> Source | None:
    """'Water regulator chief: ...' is the speaker the body introduces with those words
    ('Ana Ruiz became chief executive of the Water Standards Authority'): the person
    whose first sentence has the label's head and most of its other words."""
    words = [w for w in _words(label) if w not in _GENERIC]
    if len(words) < 2 or words[-1] not in _TITLES_OR_SOURCES:
        return None  # "Measles in Europe", "Analysis": no description of a person
    speakers = {src.name: src for src in registry.speakers() if src.kind == "person"}
    best, best_score, seen = None, 1, set()
    partial: list[str] = []  # quoted people whose first sentence has some label word
    for start, name in registry.people:
        if start < body or name in seen or name not in speakers:
            continue
        seen.add(name)
        end = masked.find(".", start)
        around = set(_words(masked[start : end if end > 0 else len(masked)]))
        score = sum(w in around for w in words)
        if score:
            partial.append(name)
        if words[-1] in around and score > best_score:
            best, best_score = name, score
    if best is None and len(partial) == 1:
        best = partial[0]  # "Bank governor:" and only "Ana Ruiz has led the Central Bank"
    return speakers.get(best) if best else None


def headline_lines(masked: str, sentences: list[Sentence]) -> int:
    """How many sentences at the top are headline lines: no closing stop, one line.

    'Acme announces 500 job cuts' is a title, not a sentence the article attributes.
    """
    count = 0
    for sent in sentences[:4]:
        line = masked[sent.start : sent.end].strip()
        if line.endswith((".", "?", "!", '"', "”", "’", ")")) or "\n" in line:
            break
        count += 1
    return count if count < len(sentences) else 0  # a lone line is the text itself


def headline_claims(
    text: str, masked: str, sentences: list[Sentence], registry: Registry
) -> list[tuple[Source, int, int, Sentence]]:
    """Claims made in headline lines before the body's first full sentence.

    'Regulator: bills to rise 4% from October' -> (the regulator, 'bills to rise ...').
    """
    out: list[tuple[Source, int, int, Sentence]] = []
    seen: set[str] = set()
    titles = headline_lines(masked, sentences)
    body = sentences[titles].start if titles < len(sentences) else 0
    for sent in sentences[:4]:
        line = masked[sent.start : sent.end]
        if line.rstrip().endswith((".", "?", "!")) or "\n" in line.strip():
            break
        m = _HEADLINE.fullmatch(line.strip("*# "))
        if not m or not m.group(1)[:1].isupper():
            continue
        src = _label_source(m.group(1), registry, masked, body)
        if src is None:
            continue
        if m.group(2) in seen or m.group(2)[:1] in "“\"‘":
            # a repeated title line; or 'Name: "quote"', which leadins.py reads
            continue
        seen.add(m.group(2))
        offset = sent.start + line.index(m.group(2))
        out.append((src, offset, offset + len(m.group(2).rstrip(" *#")), sent))
    return out
