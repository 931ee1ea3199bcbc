"""The extractor never fails and keeps its contract on odd or broken input."""

import random
from datetime import date
from pathlib import Path

import pytest

from app.pipeline.extract import extract
from app.pipeline.types import Extraction

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
ODD = ["", " ", "\n\n", '"', "“", "”", "said", "He said.", '"Hi," he said', "A: B", "***",
       "According to", ", according to.", '"an unclosed quote, he said', 'X said: "',
       "The said.", "‘’‘’", "She said that", "— said —", "Q: A: Q: A:", "\t\r\n said \r\n"]


def _check(text: str, ex: Extraction) -> None:
    names = {s.name for s in ex.speakers}
    for st in ex.statements:
        assert text[st.start:st.end] == st.text
        assert st.speaker in names
        assert 0.0 <= st.confidence <= 1.0
    for r in ex.reactions:
        assert text[r.start:r.end] == r.text
        assert r.reactor in names
        assert r.target_speaker is None or r.target_speaker in names
        assert r.target_statement is None or 0 <= r.target_statement < len(ex.statements)
        if r.target_statement is not None:
            assert ex.statements[r.target_statement].speaker == r.target_speaker
        assert r.reactor != r.target_speaker
    for ref in ex.speakers:
        assert ref.kind in ("person", "organization", "group", "unnamed")
        assert not {"he", "she", "He", "She", "they", "They"} & set(ref.aliases)


@pytest.mark.parametrize("text", ODD)
def test_odd_inputs(text: str) -> None:
    _check(text, extract(text))


def test_random_characters() -> None:
    rng = random.Random(11)
    alphabet = "abcdefghij KLMNOP said told \n\n.,;:\"“”‘’'—–-()?!ÉéŠš"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 160)))
        _check(text, extract(text, date(2025, 1, 1)))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_cut_and_shuffled_articles(path: Path) -> None:
    rng = random.Random(5)
    base = path.read_text(encoding="utf-8")
    variants = [base, base.upper(), base.lower(), base.replace('"', ""), base.replace("\n", " ")]
    for _ in range(40):
        parts = base.split(". ")
        rng.shuffle(parts)
        variants.append(". ".join(parts)[: rng.randint(0, len(base))])
        variants.append(base[rng.randint(0, len(base) - 1):])
    for text in variants:
        _check(text, extract(text, date(2025, 4, 3)))


def test_fixture_articles_yield_statements() -> None:
    for path in FIXTURES:
        text = path.read_text(encoding="utf-8")
        ex = extract(text, date(2025, 4, 3))
        assert len(ex.statements) >= 5
        assert any(s.kind == "direct" for s in ex.statements)
        assert ex.reactions


def test_long_article_stays_linear() -> None:
    """A long text costs about its length times the cost of a short one, not its square."""
    import time

    base = "\n\n".join(p.read_text(encoding="utf-8") for p in FIXTURES)
    small, large = base * 2, base * 16
    t0 = time.process_time()
    extract(small)
    t1 = time.process_time()
    extract(large)
    t2 = time.process_time()
    assert (t2 - t1) < 8 * 3 * max(t1 - t0, 0.01)  # 8x the text, allow 3x slack
