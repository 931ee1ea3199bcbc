"""Invariants every extraction must keep, whatever the text."""

from app.pipeline.types import Extraction


def assert_invariants(text: str, ex: Extraction) -> None:
    """Offsets point into `text`; every name refers to a listed speaker; confidences in 0..1."""
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
