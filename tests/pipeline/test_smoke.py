"""Smoke tests: the extractor runs and keeps its offset contract."""

from datetime import date

from app.pipeline.extract import extract


def test_direct_quote_with_named_speaker() -> None:
    text = '"We will not retreat," Defence Minister Arvid Lindqvist said on Monday.'
    ex = extract(text, date(2024, 3, 6))
    assert [(s.speaker, s.text, s.kind) for s in ex.statements] == [
        ("Arvid Lindqvist", "We will not retreat,", "direct")]
    st = ex.statements[0]
    assert text[st.start:st.end] == st.text
    assert st.said_on == date(2024, 3, 4)


def test_narration_yields_nothing() -> None:
    assert extract("The bridge reopened after a year of repairs.").statements == ()
