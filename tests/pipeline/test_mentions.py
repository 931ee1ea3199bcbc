"""Names mentioned inside statements, on short invented passages."""

import pytest

from app.pipeline.extract import extract
from app.pipeline.mentions import find_mentions
from app.pipeline.types import SpeakerRef

SOURCES = (
    SpeakerRef("Anna Nowak", "person", role="Defence Minister", aliases=("Nowak", "the minister")),
    SpeakerRef("Harbour Workers Union", "organization", aliases=("the union",)),
    SpeakerRef("a spokesperson", "unnamed"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We told Brussels in March that the deal was off.", ("Brussels",)),
        ("Nowak will fly to Geneva on Monday.", ("Anna Nowak", "Geneva")),
        ("Defence Minister Anna Nowak met the Bank of Portugal.", ("Anna Nowak", "Bank of Portugal")),
        ("The European Commission and NATO disagree.", ("European Commission", "NATO")),
        ("They say Nowak's plan is late, and Nowak knows it.", ("Anna Nowak",)),
        ("Officials said it was over. It is not.", ()),
        ("I think Mr. Reyes is wrong about the EU.", ("Reyes", "EU")),
        ("President Lee told reporters that Lagos was calm.", ("Lee", "Lagos")),
        ("Our members in Northern Ireland cannot wait until January.", ("Northern Ireland",)),
        ("The Harbour Workers Union will strike again.", ("Harbour Workers Union",)),
        ("British ministers and the Minister disagree.", ()),
        ("nothing capitalised here at all", ()),
        ("", ()),
    ],
)
def test_find_mentions(text: str, expected: tuple[str, ...]) -> None:
    assert find_mentions(text, SOURCES) == expected


def test_surname_of_two_sources_is_left_as_written() -> None:
    sources = (SpeakerRef("Anna Nowak", "person"), SpeakerRef("Piotr Nowak", "person"))
    assert find_mentions("We asked Nowak about it.", sources) == ("Nowak",)


def test_without_sources_names_are_kept_as_written() -> None:
    assert find_mentions("Nowak spoke to the Port Authority in Gdansk.") == ("Port Authority", "Gdansk")


def test_extract_attaches_each_statements_mentions() -> None:
    text = (
        "Harbour Minister Anna Nowak said the Port Authority of Varnia would reopen the quay. "
        '"We have agreed the terms with Oskland," Nowak said.'
    )
    assert [s.mentions for s in extract(text).statements] == [("Port Authority of Varnia",), ("Oskland",)]
