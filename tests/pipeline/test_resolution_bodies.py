"""Speakers named by description, on short invented passages: bodies, teams, bylines."""

import pytest

from app.pipeline.extract import extract
from app.pipeline.subjects import subject_before


@pytest.mark.parametrize(("text", "speaker"), [
    # a one-word firm described after its name, with a byline title before it
    ("By Ana Pell, Science Correspondent\n\n"
     "OSLO — Harvex, the Norwegian maker of garden tools, will cut 200 jobs at two "
     "plants, the company said on Monday.", "Harvex"),
    # "according to the company" is the firm, not its chief executive heard since
    ("Harvex, the Norwegian maker of garden tools, will cut 200 jobs, the company said. "
     "Chief executive Ola Brun said the market had collapsed. "
     "No plant will close this year, according to the company.", "Harvex"),
    # a team described by its standing names the team that opens the sentence
    ("Dunmore Rovers have sold their captain Ivo Tarn to a rival for a small fee, the "
     "second-tier side announced on Friday.", "Dunmore Rovers"),
    # a playing position before a name is a title: "the winger" is that player
    ("Holmvik United have signed the Estonian winger Dario Keskula on loan. "
     "The winger said that he was delighted to join.", "Dario Keskula"),
])
def test_description_names_the_body_or_person(text: str, speaker: str) -> None:
    ex = extract(text)
    assert ex.statements[-1].speaker == speaker


def test_pronoun_after_a_titled_person_behind_a_bodys_name() -> None:
    # the apposed title opens with a body's possessive name, not with the sentence
    text = ("Councillor Ruth Ambery said the quay would close in May. "
            "The Rangeley Port Authority's chief engineer, Dr Mia Solberg, took a different "
            "view. She said the quay was sound and could stay open.")
    ex = extract(text)
    assert [s.speaker for s in ex.statements] == ["Ruth Ambery", "Mia Solberg"]


def test_body_described_before_it_is_named() -> None:
    # "their union" is the union the next sentence names in full
    text = ("Cleaners at Brockley Mall will stop work for a week from Monday, their union said. "
            "The Federated Union of Cleaning Staff said pay had fallen for three years.")
    ex = extract(text)
    assert {s.speaker for s in ex.statements} == {"Federated Union of Cleaning Staff"}


def test_a_name_given_with_called_is_no_cue() -> None:
    # "a studio called X" names the studio; the content runs on to the end
    text = ("Auditor Nell Brisk said that one of the contractors, a studio called Pellow "
            "Digital, had billed the council twice. Its office, she said, was empty.")
    ex = extract(text)
    assert [s.speaker for s in ex.statements] == ["Nell Brisk", "Nell Brisk"]
    assert ex.statements[0].text.endswith("had billed the council twice")


def test_former_office_holder_is_not_the_current_one() -> None:
    text = ("The club's current treasurer, Osric Dalby, said the accounts were sound. "
            "The club's former treasurer, who left in 2021, has denied any wrongdoing.")
    ex = extract(text)
    assert ex.statements[0].speaker == "Osric Dalby"
    assert ex.statements[-1].speaker != "Osric Dalby"


def test_participle_after_by_belongs_to_the_sentence_subject() -> None:
    text = "Mayor Ivo Rask opened by claiming that his council had built more roads than any other."
    ex = extract(text)
    assert [(s.speaker, s.cue) for s in ex.statements] == [("Ivo Rask", "claiming")]


def test_object_of_a_relative_clause_is_no_subject() -> None:
    # the noun after "that share" is the clause's object, not the subject of "agreed"
    text = "Mayors of the four towns that share the Lune valley agreed"
    assert subject_before(text, 0, text.index("agreed")) is None


@pytest.mark.parametrize(("text", "speaker"), [
    ("Two junior doctors at the clinic said rotas were unsafe. One of them said shifts ran "
     "to fourteen hours.", "a junior doctor at the clinic"),
    ("Officials from two port authorities said the quay was sound. One of them said the "
     "cracks were cosmetic.", "an official from two port authorities"),
])
def test_one_of_them_is_one_member_described_alone(text: str, speaker: str) -> None:
    assert extract(text).statements[-1].speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    ("One porter based at the Kelso terminal said most colleagues would accept the offer.",
     "One porter based at the Kelso terminal"),
    ("One shopkeeper living near the market said trade had halved.", "One shopkeeper living near the market"),
])
def test_one_unnamed_person_is_a_source(text: str, speaker: str) -> None:
    assert [s.speaker for s in extract(text).statements] == [speaker]


def test_one_day_is_no_source() -> None:
    assert extract("One day later the port reopened, officials said.").statements[0].speaker == "officials"


@pytest.mark.parametrize("text", [
    "The Lowfield Care Trust runs the ward. According to figures published by the trust, "
    "the ward treated 31 patients a night.",
    "The ward treated 31 patients a night, according to data compiled by the Lowfield Care Trust.",
])
def test_according_to_figures_published_by_a_body(text: str) -> None:
    assert [s.speaker for s in extract(text).statements] == ["Lowfield Care Trust"]


def test_cue_opened_by_a_demonstrative_before_an_aside_is_the_speakers_words() -> None:
    text = ("Researcher Ana Bell studied moths for a decade. That suggested, she said, that city "
            "moths were learning faster.")
    ex = extract(text)
    assert [(s.speaker, s.cue) for s in ex.statements] == [("Ana Bell", "said")]
    assert ex.statements[0].text.startswith("That suggested")


def test_posting_a_thing_is_no_statement() -> None:
    text = ("The striker posted a video of the goal on her channel, writing that it was "
            "the best night of her life.")
    assert [s.cue for s in extract(text).statements] == ["writing"]


@pytest.mark.parametrize(("text", "speaker"), [
    # a spokesperson for a body named by its initials speaks for the body
    ("The Coastal Freight Regulator (CFR) fined a shipping line on Monday. Lawyer Ana Pirk "
     "said the fine was small. A spokesperson for the CFR said it was the largest ever.",
     "Coastal Freight Regulator"),
    # a spokesperson named by the first word of a firm's name, after a trade word
    ("Crews walked out after talks with ferry operator Calloway Marine failed. "
     "A Calloway spokesman said the company would pay.", "Calloway Marine"),
    # a spokesperson described by the kind of body the article has named
    ("The University of Brackmoor said the study was sound. Professor Ivo Lunde said it "
     "was flawed. A university spokeswoman said the review was complete.",
     "University of Brackmoor"),
    # a one-word firm name, once the full name followed a trade word
    ("Crews walked out after talks with ferry operator Calloway Marine failed. "
     "Calloway, which owns four vessels, argued in a letter that the pay rise was generous.",
     "Calloway Marine"),
])
def test_spokesperson_or_short_name_speaks_as_the_named_body(text: str, speaker: str) -> None:
    assert extract(text).statements[-1].speaker == speaker


@pytest.mark.parametrize("text", [
    # "the university" is the body whose name's head is that word, not one naming it after "of"
    ("Research at the University of Brackmoor was faked, the university said. Rector Dr Ana "
     "Lind said the lab had closed. The Guild of University Scientists said it would advise its "
     "members. According to the university, the lab employed 40 people."),
    ("The University of Brackmoor opened an inquiry. A university spokeswoman said the "
     "review was complete. The Guild of University Scientists said it would advise its "
     "members. According to the university, the lab employed 40 people."),
])
def test_body_description_matches_the_head_of_a_name(text: str) -> None:
    assert extract(text).statements[-1].speaker == "University of Brackmoor"


def test_the_company_is_no_campaigning_alliance() -> None:
    text = ("Regulators approved an asthma drug from Danish drugmaker Orvik Pharma on Monday. "
            "Orvik said it would launch the drug in May. The Asthma Patients Alliance welcomed "
            "the approval. The company has said it will next ask to treat children.")
    assert extract(text).statements[-1].speaker == "Orvik Pharma"
