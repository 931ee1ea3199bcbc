"""persist.store_article against real databases, with hand-built extractions."""

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models import Claim, Document, Reaction, Speaker
from app.pipeline.persist import content_sha256, is_proper_name, store_article
from app.pipeline.types import Article, Extraction, ReactionFound, SpeakerRef, Statement
from app.textnorm import statement_key


def person(name: str, *aliases: str, role: str | None = None) -> SpeakerRef:
    return SpeakerRef(name=name, kind="person", role=role, aliases=aliases)


def said(text: str, speaker: str, statement: str) -> Statement:
    start = text.index(statement)
    return Statement(
        speaker=speaker, text=statement, kind="direct", cue="said", mention=speaker,
        start=start, end=start + len(statement), confidence=0.9,
    )


def quoting(ref: SpeakerRef, text: str, statement: str) -> Extraction:
    """An extraction in which `ref` says `statement`, a substring of `text`."""
    return Extraction(speakers=(ref,), statements=(said(text, ref.name, statement),))


def article(text: str, source: str = "a.txt") -> Article:
    return Article(source=source, text=text, title="T", published_on=date(2025, 2, 12), outlet="Daily")


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def aliases_of(session, name: str) -> set[str]:
    speaker = session.scalars(select(Speaker).where(Speaker.name == name)).one()
    return {alias.normalized for alias in speaker.aliases}


TEXT_A = '"The bridge will open in May," Jane Doe said. "It will not," Tom Reed replied.'
EXTRACTION_A = Extraction(
    speakers=(person("Jane Doe", "Doe", role="Mayor"), person("Tom Reed", "Reed")),
    statements=(
        said(TEXT_A, "Jane Doe", "The bridge will open in May"),
        said(TEXT_A, "Tom Reed", "It will not"),
    ),
    reactions=(
        ReactionFound(reactor="Tom Reed", stance="oppose", cue="replied", text="It will not",
                      start=TEXT_A.index("It will not"), end=TEXT_A.index("It will not") + 11,
                      target_speaker="Jane Doe", target_statement=0),
    ),
)


def test_stores_document_claims_and_reactions(session):
    result = store_article(session, article(TEXT_A), EXTRACTION_A)

    assert (result.status, result.claims, result.reactions, result.speakers) == ("added", 2, 1, 2)
    document = session.get(Document, result.document_id)
    assert document.content_sha256 == content_sha256(TEXT_A)
    claims = session.scalars(select(Claim).order_by(Claim.id)).all()
    assert [(c.speaker.name, document.text[c.span_start:c.span_end]) for c in claims] == [
        ("Jane Doe", "The bridge will open in May"),
        ("Tom Reed", "It will not"),
    ]
    assert claims[0].said_on == date(2025, 2, 12)
    reaction = session.scalars(select(Reaction)).one()
    assert reaction.reactor.name == "Tom Reed"
    assert reaction.target_claim_id == claims[0].id
    assert reaction.target_speaker.name == "Jane Doe"
    jane = session.scalars(select(Speaker).where(Speaker.name == "Jane Doe")).one()
    assert (jane.slug, jane.role, jane.kind) == ("jane-doe", "Mayor", "person")
    assert aliases_of(session, "Jane Doe") == {"jane doe", "doe"}


def test_same_content_again_is_unchanged(session):
    first = store_article(session, article(TEXT_A), EXTRACTION_A)
    again = store_article(session, article(TEXT_A, source="copy.txt"), EXTRACTION_A)

    assert again.status == "unchanged"
    assert again.document_id == first.document_id
    assert (count(session, Document), count(session, Claim), count(session, Speaker)) == (1, 2, 2)


def test_same_person_in_two_documents_is_one_speaker_with_fullest_name(session):
    text_b = "Taxes will rise, J. Jane Doe warned."
    store_article(session, article(TEXT_A), EXTRACTION_A)
    store_article(
        session, article(text_b, "b.txt"),
        quoting(person("Jane Doe", "Ms. Doe"), text_b, "Taxes will rise"),
    )

    assert count(session, Speaker) == 2
    assert sorted(session.scalars(select(Speaker.name))) == ["Jane Doe", "Tom Reed"]
    assert aliases_of(session, "Jane Doe") == {"jane doe", "doe", "ms. doe"}
    assert count(session, Claim) == 3


def test_fullest_form_becomes_the_canonical_name(session):
    text_b = "Rates are fine, Jose Ibanez said."
    text_c = "Rates are too high, José María Ibáñez said."
    store_article(session, article(text_b, "b.txt"),
                  quoting(person("Jose Ibanez"), text_b, "Rates are fine"))
    store_article(
        session, article(text_c, "c.txt"),
        Extraction(speakers=(person("José María Ibáñez", "José Ibáñez"),),
                   statements=(said(text_c, "José María Ibáñez", "Rates are too high"),)),
    )

    speaker = session.scalars(select(Speaker)).one()
    assert speaker.name == "José María Ibáñez"
    assert speaker.slug == "jose-ibanez"  # slugs never change: they are in URLs
    assert {a.normalized for a in speaker.aliases} == {"jose ibanez", "jose maria ibanez"}


def test_surname_links_only_to_the_one_known_person(session):
    text_b = "Nothing was agreed, Doe said."
    store_article(session, article(TEXT_A), EXTRACTION_A)
    store_article(session, article(text_b, "b.txt"),
                  quoting(person("Doe"), text_b, "Nothing was agreed"))

    claim = session.scalars(select(Claim).where(Claim.text == "Nothing was agreed")).one()
    assert claim.speaker.name == "Jane Doe"
    assert count(session, Speaker) == 2


def test_ambiguous_surname_gets_its_own_speaker(session):
    text_b = "We disagree, John Doe said."
    text_c = "Nothing was agreed, Doe said."
    store_article(session, article(TEXT_A), EXTRACTION_A)
    store_article(session, article(text_b, "b.txt"),
                  quoting(person("John Doe"), text_b, "We disagree"))
    store_article(session, article(text_c, "c.txt"),
                  quoting(person("Doe"), text_c, "Nothing was agreed"))

    claim = session.scalars(select(Claim).where(Claim.text == "Nothing was agreed")).one()
    assert claim.speaker.name == "Doe"
    assert count(session, Speaker) == 4


def test_descriptions_are_not_merged_across_documents(session):
    text_b = "The work is late, the contractor said."
    text_c = "The work is on time, the contractor said."
    contractor = SpeakerRef("the contractor", "person")
    store_article(session, article(text_b, "b.txt"), quoting(contractor, text_b, "The work is late"))
    store_article(session, article(text_c, "c.txt"), quoting(contractor, text_c, "The work is on time"))

    assert sorted(session.scalars(select(Speaker.slug))) == ["the-contractor", "the-contractor-2"]


def test_a_common_description_gets_numbered_slugs(session):
    council = SpeakerRef("the council", "organization")
    for number in range(30):
        text = f"Item {number} passed, the council said."
        extraction = quoting(council, text, f"Item {number} passed")
        store_article(session, article(text, f"{number}.txt"), extraction)

    slugs = set(session.scalars(select(Speaker.slug)))
    assert slugs == {"the-council"} | {f"the-council-{n}" for n in range(2, 31)}


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Jane Doe", True),
        ("Ursula von der Leyen", True),
        ("U.S. Energy Secretary Dana Whitlow", True),
        ("李明", True),
        ("the contractor", False),
        ("The Defense Secretary", False),
        ("officials", False),
        ("Council member Tom Reed", False),
    ],
)
def test_proper_names_are_told_from_descriptions(form, expected):
    assert is_proper_name(form) is expected


def test_slug_collision_between_different_speakers_gets_a_suffix(session):
    text_b = "Shares fell, Apple said. Apple, a farmer, said the harvest was good."
    store_article(
        session, article(text_b, "b.txt"),
        Extraction(
            speakers=(SpeakerRef("Apple", "organization"), SpeakerRef("Apple", "person")),
            statements=(said(text_b, "Apple", "Shares fell"),),
        ),
    )

    assert sorted(session.scalars(select(Speaker.slug))) == ["apple", "apple-2"]


# An article whose one claim violates the confidence check constraint, so storing it fails.
BROKEN_TEXT = "It is broken, Ann Lee said."
BROKEN = Statement(speaker="Ann Lee", text="It is broken", kind="direct", cue="said", mention="Ann Lee",
                   start=0, end=12, confidence=7.0)


def test_a_failing_article_stores_nothing_and_others_are_kept(session):
    store_article(session, article(TEXT_A), EXTRACTION_A)

    with pytest.raises(IntegrityError):
        store_article(session, article(BROKEN_TEXT, "b.txt"),
                      Extraction(speakers=(person("Ann Lee"),), statements=(BROKEN,)))

    assert count(session, Document) == 1
    assert session.scalar(select(Speaker).where(Speaker.name == "Ann Lee")) is None
    assert count(session, Claim) == 2


def test_aliases_of_a_rolled_back_article_are_written_again(session):
    # Alias rows a session has committed are not inserted twice; those of an article
    # that rolled back were never stored, so the next article must write them.
    store_article(session, article(TEXT_A), EXTRACTION_A)
    with pytest.raises(IntegrityError):
        store_article(session, article(BROKEN_TEXT, "b.txt"),
                      Extraction(speakers=(person("Ann Lee", "Lee"), person("Jane Doe", "J. Doe")),
                                 statements=(BROKEN,)))
    text_c = '"Fine," Tom Reed said.'
    store_article(session, article(text_c, "c.txt"), quoting(person("Tom Reed"), text_c, "Fine,"))

    store_article(session, article(BROKEN_TEXT, "d.txt"),
                  Extraction(speakers=(person("Ann Lee", "Lee"), person("Jane Doe", "J. Doe")),
                             statements=(said(BROKEN_TEXT, "Ann Lee", "It is broken"),)))

    assert aliases_of(session, "Ann Lee") == {"ann lee", "lee"}
    assert aliases_of(session, "Jane Doe") == {"jane doe", "doe", "j. doe"}


def test_unlisted_speaker_names_are_created(session):
    text_b = "Officials said the road is closed."
    store_article(session, article(text_b, "b.txt"),
                  Extraction(statements=(said(text_b, "officials", "the road is closed"),)))

    assert session.scalars(select(Speaker.kind)).one() == "unnamed"


def test_overlong_values_are_cut_to_the_column(session):
    long_title = "x" * 5000
    result = store_article(session, Article(source="s" * 3000, text="Body.", title=long_title), Extraction())

    document = session.get(Document, result.document_id)
    assert len(document.title) == 1024 and len(document.source) == 2048


def test_claims_are_stored_with_the_key_of_their_normalised_text(session):
    store_article(session, article(TEXT_A), EXTRACTION_A)
    session.commit()
    stored = session.execute(select(Claim.text, Claim.text_key).order_by(Claim.id)).all()
    assert stored == [(text, statement_key(text)) for text in ("The bridge will open in May", "It will not")]
    assert statement_key("the bridge will open in May!") == stored[0].text_key
