"""Speaker names that must never be a word of grammar: pronoun contractions, bare
possessives, generic nouns left unresolved, truncated or short names of bodies."""

import pytest

from app.pipeline.extract import extract
from app.pipeline.speakers import analyse_np

_NO_SPEAKER = frozenset("i i've i'm we we've we're you you've they're he's she's".split())


@pytest.mark.parametrize("text", [
    # a contraction of the first person is the writer, or a quote's own voice
    '"Nobody reads the small print," I\'ve argued for years, and Petra Olund agrees.',
    "“The reservoir is half empty,” we’ve reported since June.",
    "As I’m told by the harbour staff, the ferry will run late.",
])
def test_a_pronoun_contraction_is_no_speaker(text: str) -> None:
    ex = extract(text)
    assert not [s for s in ex.statements if s.speaker.lower().replace("’", "'") in _NO_SPEAKER]


def test_a_third_person_contraction_is_its_pronoun() -> None:
    mention = analyse_np("she's")
    assert mention is not None and mention.pronoun == "she"


def test_a_first_person_answer_is_the_interviewees() -> None:
    text = ("Corin Abelard has run the lighthouse museum for ten years.\n\n"
            "Q: Why keep it open in winter?\n\n"
            "A: I've said we owe the village somewhere warm to meet.")
    ex = extract(text)
    assert [s.speaker for s in ex.statements] == ["Corin Abelard"]


@pytest.mark.parametrize(("text", "speaker"), [
    # the possessive owns the fears; the remarks are hers
    ("Councillor Sibyl Fennick said the depot would be sold. Her remarks deepened "
     "tenants' worries that rents would climb.", "Sibyl Fennick"),
    ("Rector Iwan Maesbury said the chapel would shut. His comments confirmed the "
     "parish's suspicion that the roof was beyond repair.", "Iwan Maesbury"),
])
def test_a_possessive_is_never_the_speaker(text: str, speaker: str) -> None:
    ex = extract(text)
    assert ex.statements and {s.speaker for s in ex.statements} == {speaker}


@pytest.mark.parametrize(("text", "speaker"), [
    # "the two companies": both bodies named before, joined
    ("Orvane Textiles and Gilcrest Dyeworks signed a supply deal on Tuesday. "
     "The two companies said the first bolts would ship in March.",
     "Orvane Textiles and Gilcrest Dyeworks"),
    ("Pellham Logistics agreed to buy Straun Freight Holdings last year. "
     "The companies said the sale had been delayed by the regulator.",
     "Pellham Logistics and Straun Freight Holdings"),
    ("Quarrendon Bank and Ostley Mutual announced a tie-up. Both lenders said no branch "
     "would close.", "Quarrendon Bank and Ostley Mutual"),
    # "the group": the body named last, even a public one
    ("The Coldbrook Residents Alliance met in the school hall. "
     "The group said the bypass would split the village.", "Coldbrook Residents Alliance"),
])
def test_a_generic_noun_names_its_antecedent(text: str, speaker: str) -> None:
    ex = extract(text)
    assert ex.statements[-1].speaker == speaker


@pytest.mark.parametrize(("phrase", "name"), [
    ("Neighbours Against Night Flights", "Neighbours Against Night Flights"),
    ("Friends of the Moorland", "Friends of the Moorland"),
    ("Drivers for Cheaper Parking", "Drivers for Cheaper Parking"),
])
def test_a_name_keeps_its_linking_words(phrase: str, name: str) -> None:
    mention = analyse_np(phrase)
    assert mention is not None and mention.name == name


def test_a_name_of_a_person_of_a_body_is_the_person() -> None:
    mention = analyse_np("Ines Dorrow of the Harbour Union")
    assert mention is not None and mention.name == "Ines Dorrow"


@pytest.mark.parametrize(("text", "speaker"), [
    # a body's short form: the one earlier name it opens
    ("Quenby Ceramics opened a kiln in Ardle in 2015. Quenby said the fire had been put "
     "out within an hour.", "Quenby Ceramics"),
    ("The Corrin Vale Water Company raised its charges. Corrin Vale said the rise paid "
     "for new mains.", "Corrin Vale Water Company"),
    ("Talloway Seeds supplies most of the region's farms.\n\n"
     "A drought would hurt yields, Talloway warned.", "Talloway Seeds"),
])
def test_a_short_form_names_the_body_in_full(text: str, speaker: str) -> None:
    ex = extract(text)
    assert ex.statements[-1].speaker == speaker


def test_a_person_named_with_her_body_stays_a_person() -> None:
    text = ("Forecasts were mixed. Idris Kellow of Brandmoor Capital Advisers expects a cut. "
            "Idris Kellow said inflation had peaked.")
    ex = extract(text)
    assert ex.statements[-1].speaker == "Idris Kellow"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Glaciologists at the Brenner Centre for Ice Studies said the ice sheet was thinning.",
     "glaciologists at the Brenner Centre for Ice Studies"),
    ("The ice sheet was thinning, Economists from the Vale Policy Unit said.",
     "Economists from the Vale Policy Unit"),
])
def test_a_plural_description_keeps_its_qualifier(text: str, speaker: str) -> None:
    ex = extract(text)
    assert ex.statements[-1].speaker.lower() == speaker.lower()


@pytest.mark.parametrize(("text", "content"), [
    ("Warden Osric Pelle reached the pier at dawn. The boats were safe, he said, but the "
     "jetty would need new piles.",
     "The boats were safe, he said, but the jetty would need new piles"),
    ("The levy would stay, the council said on Friday, although it might fall next year.",
     "The levy would stay, the council said on Friday, although it might fall next year"),
])
def test_a_cue_set_off_mid_sentence_covers_both_sides(text: str, content: str) -> None:
    ex = extract(text)
    assert [s.text for s in ex.statements] == [content]


def test_a_cue_before_a_quotation_keeps_its_own_clause() -> None:
    text = 'The boats were safe, Osric Pelle said, but "the jetty is another matter".'
    ex = extract(text)
    assert ex.statements[0].text == "The boats were safe"
