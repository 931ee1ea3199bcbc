"""The extractor never fails and keeps its contract on odd or broken input."""

import random
from datetime import date
from pathlib import Path

import pytest

from app.pipeline.extract import extract
from tests.pipeline.invariants import assert_invariants

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
ODD = ["", " ", "\n\n", '"', "“", "”", "said", "He said.", '"Hi," he said', "A: B", "***",
       "According to", ", according to.", '"an unclosed quote, he said', 'X said: "',
       "The said.", "‘’‘’", "She said that", "— said —", "Q: A: Q: A:", "\t\r\n said \r\n"]


@pytest.mark.parametrize("text", ODD)
def test_odd_inputs(text: str) -> None:
    assert_invariants(text, extract(text))


def test_random_characters() -> None:
    rng = random.Random(11)
    alphabet = "abcdefghij KLMNOP said told \n\n.,;:\"“”‘’'—–-()?!ÉéŠš"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 160)))
        assert_invariants(text, extract(text, date(2025, 1, 1)))


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
        assert_invariants(text, extract(text, date(2025, 4, 3)))


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
