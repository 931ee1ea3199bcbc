"""Reaction targets and the cues around them, on short invented passages."""

import pytest

from app.pipeline.extract import extract
from app.pipeline.verdicts import label_stance


def _found(text: str) -> list[tuple[str, str | None, str]]:
    return [(r.reactor, r.target_speaker, r.stance) for r in extract(text).reactions]


@pytest.mark.parametrize(("text", "reactor", "target", "stance"), [
    # "accused the company" is the firm heard so far, not an analyst at a firm heard later
    ("Tarnow, the Polish maker of e-bikes, is recalling 9,000 bikes, the company said. "
     "Campaigner Ewa Lis said the faults had been known for a year and accused the company "
     "of hiding them. Piotr Nowy, an analyst at the research firm Kadra, said the cost "
     "would be small.", "Ewa Lis", "Tarnow", "oppose"),
    # "a company spokesperson" speaks for the firm just named, and is its reply
    ("Campaigner Ewa Lis said the bikes were unsafe. Tarnow disputed those claims. "
     "A company spokesperson said the faults were rare.", "Tarnow", "Ewa Lis", "oppose"),
])
def test_reaction_target(text: str, reactor: str, target: str, stance: str) -> None:
    assert (reactor, target, stance) in _found(text)


def test_ordinal_before_a_participle_is_no_cue() -> None:
    text = "Tarnow said the first confirmed fault had been found in May."
    ex = extract(text)
    assert [(s.speaker, s.cue) for s in ex.statements] == [("Tarnow", "said")]


def test_company_spokesperson_speaks_for_the_firm_named() -> None:
    text = ("Campaigner Ewa Lis said the bikes were unsafe. Tarnow disputed those claims. "
            "A company spokesperson said the faults were rare.")
    assert extract(text).statements[-1].speaker == "Tarnow"


@pytest.mark.parametrize("text", [
    # a reply right after another source's claim rebuts it
    ("Defence lawyer Idris Vane suggested that the witness had misread the ledger. "
     '"I read it twice, line by line," Tomasina Brell replied.'),
    ('Senator Abel Kost said the fund would be empty by 2030. "Rubbish," Hanne Lute '
     'retorted. "The fund has never been healthier."'),
])
def test_reply_answers_the_last_other_speaker(text: str) -> None:
    found = _found(text)
    assert len(found) == 1
    reactor, target, stance = found[0]
    assert target in ("Idris Vane", "Abel Kost") and stance == "oppose"


def test_possessive_description_names_the_person_described_by_it() -> None:
    # "His main rival, Ana Ruiz of the X Party," makes "the rival's plan" hers
    text = ("Governor Bram Olsen said taxes would fall. His main challenger, Ida Krull of the "
            "Green Party, said the budget was a fantasy. The Teachers' Guild welcomed the "
            "challenger's plan for smaller classes.")
    assert ("Teachers' Guild", "Ida Krull", "support") in _found(text)


def test_act_named_as_the_head_of_a_body() -> None:
    # "the congress of the Potters Association" earlier: the congress is the association's
    text = ("The annual congress of the Potters Association ended on Sunday with a vote on kiln "
            "fees. Secretary Ada Frey said the fees would rise. Craft groups criticised the "
            "congress for ignoring small studios.")
    assert ("Craft groups", "Potters Association", "oppose") in _found(text)


def test_finite_adjective_phrase_ending_in_ing_is_a_reaction() -> None:
    # "was scathing" ends like a participle but is the sentence's own verb phrase
    text = "Minister Ion Pop said the bank would cut rates. The Green Party was scathing."
    assert ("Green Party", "Ion Pop", "oppose") in _found(text)


def test_verdict_with_an_irregular_past_verb() -> None:
    # "the ban came too late": a verdict on the act of the body that announced it
    text = ("The Harbour Authority said it would ban diesel ferries from May. "
            "The Boatmen's Guild said the ban came far too late for the bay.")
    assert ("Boatmen's Guild", "Harbour Authority", "oppose") in _found(text)


def test_act_is_the_body_of_the_official_who_first_spoke_of_it() -> None:
    # the trust's director speaks of the closure; the trust is who closed the ward
    text = ("The Lowfield Care Trust announced on Monday that it would shut the night ward. "
            '"Nobody wanted this closure," said Dr Omar Pike, the trust\'s clinical director. '
            "Councillor Rhys Dane condemned the closure, calling it reckless.")
    assert ("Rhys Dane", "Lowfield Care Trust", "oppose") in _found(text)


def test_quoted_verdict_on_a_named_organisation() -> None:
    # 'said Acme had acted "promptly"': a verdict on the firm the statement names first
    text = ("Kestrel Foods recalled 2,000 jars of jam on Monday, the company said. "
            "A spokesperson for the food agency said Kestrel Foods had acted "
            "\u201cpromptly and responsibly\u201d.")
    assert ("A spokesperson for the food agency", "Kestrel Foods", "support") in _found(text)


@pytest.mark.parametrize(("word", "stance"), [
    ("a bribe to voters", "oppose"), ("a cover-up", "oppose"), ("a cheap gimmick", "oppose"),
    ("constructive", "support"), ("pure fearmongering", "oppose"), ("mere propaganda", "oppose"),
])
def test_evaluative_vocabulary(word: str, stance: str) -> None:
    assert label_stance(f"the plan was {word}") == stance


def test_quoted_verdict_on_an_office_holders_act() -> None:
    # 'said the mayor's promise on towers was "..."': a verdict on the mayor's words
    text = ("Mayor Lena Holt said the bridge would keep its towers. Campaigner Bo Rask said the "
            "mayor\u2019s promise on towers was \u201clike keeping the hat and selling the head\u201d.")
    assert [(r.reactor, r.target_speaker) for r in extract(text).reactions] == [("Bo Rask", "Lena Holt")]


def test_bare_denial_answers_the_last_speaker_and_says_nothing() -> None:
    text = ("Councillor Mia Roth said officers had hidden the survey. The council's planning "
            "director, Ed Lowe, denied that.")
    ex = extract(text)
    assert [s.speaker for s in ex.statements] == ["Mia Roth"]
    assert [(r.reactor, r.target_speaker, r.stance) for r in ex.reactions] == [
        ("Ed Lowe", "Mia Roth", "oppose")]


@pytest.mark.parametrize(("text", "stance"), [
    ("The Orvane Water Company said it would raise bills by a tenth from April. "
     "The Consumer Council said it was \u201cdeeply troubled\u201d by the company\u2019s plan.", "concern"),
    ("The Orvane Water Company said it would raise bills by a tenth from April. "
     "Tenants' group Fairtap said it was disappointed with the company's decision.", "oppose"),
    ("The Orvane Water Company said it would freeze bills until 2028. "
     "The Consumer Council said it was pleased by the company's decision.", "support"),
])
def test_reported_feeling_about_an_act_is_a_reaction(text: str, stance: str) -> None:
    found = _found(text)
    assert [(t, s) for _, t, s in found] == [("Orvane Water Company", stance)]


@pytest.mark.parametrize(("text", "content"), [
    # an act welcomed: the reaction's own words, not the quote that follows
    ("The Ports Board approved the new quay on Monday. The Ferrymen's Guild welcomed the "
     'authorisation. "We have waited ten years for this," said its chair, Odile Brask.',
     "welcomed the authorisation"),
    # a claim rejected: the reply that follows is what the reaction says
    ("Councillor Ivo Sand said the quay would flood. The Ports Board rejected the claim. "
     '"The quay stands two metres above the highest tide," a board spokesman said.',
     "The quay stands two metres above the highest tide,"),
])
def test_reaction_content_after_an_act_or_a_claim(text: str, content: str) -> None:
    assert content in [r.text for r in extract(text).reactions]


def test_congratulation_on_what_the_reactor_called_a_win() -> None:
    text = ('Governor Tom Reece lost the vote to Ana Ruiz. "It was close," Ruiz said. '
            'Reece congratulated Ruiz on what he called "a tidy result" and went home. He '
            'said he would rest.')
    [r] = extract(text).reactions
    assert (r.reactor, r.target_speaker, r.stance) == ("Tom Reece", "Ana Ruiz", "support")
    assert r.text.endswith('"a tidy result"')


@pytest.mark.parametrize(("text", "stance"), [
    # an answer with no evaluative word defends against what was said: it opposes
    ("Councillor Ivo Sand said the tram budget was a fantasy. Responding to Sand, the "
     "transport office said the budget had been checked by two auditors.", "oppose"),
    # ... and one that praises still supports
    ("Councillor Ivo Sand offered to mediate in the tram dispute. Responding to Sand, the "
     "drivers' guild said it would welcome his help.", "support"),
])
def test_response_without_evaluative_words_opposes(text: str, stance: str) -> None:
    assert [s for _, _, s in _found(text)] == [stance]


def test_should_have_is_a_charge_of_failure() -> None:
    text = ("The Ports Board approved the new quay on Monday. Councillor Ivo Sand said the "
            "board should have consulted fishermen before the vote.")
    assert _found(text) == [("Ivo Sand", "Ports Board", "oppose")]


def test_criticised_body_is_the_target_not_its_last_voice() -> None:
    # "criticised the bank for ..." answers the bank, not its chief executive quoted since
    text = ("Harwick Bank said on Monday that a software fault had frozen 9,000 accounts. "
            'Its chief executive, Lydia Moss, apologised. "We let you down," she said. Savers\' '
            "group Cofre criticised the bank for staying silent for a month.")
    assert _found(text) == [("Cofre", "Harwick Bank", "oppose")]


@pytest.mark.parametrize(("text", "reactor", "stance"), [
    # a pronoun object is the person it means: one named in the sentence, else the last
    ('Olympic rower Ada Volk was banned for two years. "I will appeal," Volk said. Coach Tom Berg '
     "said the ban was harsh. Four of Volk's crew-mates have also backed her.",
     "Four of Volk's crew-mates", "support"),
    ('Olympic rower Ada Volk was banned for two years. "I will appeal," Volk said. Her former '
     "coach, Ivo Lind, criticised her.", "Ivo Lind", "oppose"),
])
def test_pronoun_object_is_the_person_it_means(text: str, reactor: str, stance: str) -> None:
    assert (reactor, "Ada Volk", stance) in _found(text)


def test_verdict_on_an_owned_claim_with_its_own_that_clause() -> None:
    text = ("Harwick Bank said on Monday that a software fault had frozen 9,000 accounts. "
            "Auditor Omar Tull said the bank's promise that no savings were at risk was "
            '"frankly dishonest".')
    assert _found(text) == [("Omar Tull", "Harwick Bank", "oppose")]


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted label put on another's act judges it, and a bare jibe opposes
    ('Transport minister Ola Brun unveiled a new tram plan on Monday. "It is a big step," Brun '
     'said. Councillor Mia Sand said the plan was "a timetable in fancy dress".',
     [("Mia Sand", "Ola Brun", "oppose")]),
    # an outside expert's phrase for research findings takes no side
    ("Researchers at the Oren Institute found a new enzyme. Professor Lia Holt, who was not "
     'involved, said the results were "a start, not an answer".', []),
])
def test_quoted_label_on_an_act(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_felt_feeling_about_an_outcome_names_its_stance() -> None:
    text = ("The Kelso Tribunal ruled on Monday that the mill had broken safety rules. "
            'Former worker Edit Baro said she felt "vindicated, though tired".')
    assert _found(text) == [("Edit Baro", "Kelso Tribunal", "support")]


def test_dismissing_a_claim_as_scaremongering_answers_the_claimant() -> None:
    text = ('Port chief Ivo Tarn said the strike would cost the town its trade. "That is '
            'fearmongering of the worst kind," union leader Edda Holm said.')
    assert _found(text) == [("Edda Holm", "Ivo Tarn", "oppose")]


def test_bare_stance_of_a_body_keeps_its_words_when_its_voice_speaks_next() -> None:
    # nothing answered is named: the stance is the reaction; the spokeswoman's words are
    # a statement of their own
    text = ("The Oskarian central bank cut its key rate on Thursday. Finance Minister Ola Brun "
            "welcomed the reduction, saying it would ease mortgages. The Farmers' League was "
            'dismissive. Its chairwoman, Mia Sand, said the cut had come "a season too late".')
    texts = [r.text for r in extract(text).reactions if r.reactor == "Farmers' League"]
    assert texts == ["was dismissive"]


@pytest.mark.parametrize("text", [
    # "the government's handling of the stoppage": the government, not "the dispute"
    ("Ferry operator Calloway Marine said its pay rise was generous. Transport minister Eli "
     "Brekke said he had offered a mediator. The Green group criticised the government's "
     'handling of the stoppage, saying the minister had been "asleep at the wheel".'),
    # ... and "the government" the article has called the minister it quotes is that minister
    ("Ferry operator Calloway Marine said its pay rise was generous. The crews' union said "
     "it would strike. Transport minister Eli Brekke said talks would resume. The government "
     "also said it would not impose a deal. The Green group criticised the government's "
     'handling of the stoppage, saying the minister had been "asleep at the wheel".'),
])
def test_handling_of_an_act_answers_who_handled_it(text: str) -> None:
    assert ("Green group", "Eli Brekke", "oppose") in _found(text)


@pytest.mark.parametrize(("phrase", "stance"), [
    ("sounded a more cautious note", "concern"),
    ("sounded a defiant tone", "oppose"),
    ("struck a conciliatory note", "support"),
])
def test_tone_of_a_reaction(phrase: str, stance: str) -> None:
    text = (f"The Coastal Board approved the new ferry route on Monday. Harbour master Ivo Tarn "
            f"{phrase}. He said the quay could not take larger ships.")
    assert [(r.reactor, r.stance) for r in extract(text).reactions] == [("Ivo Tarn", stance)]


def test_head_named_by_the_bodys_initials_does_not_react_to_it() -> None:
    text = ("The Harbour Safety Board opened an inquiry into the ferry collision on Monday. "
            'HSB chair Noor Alba said the board had "no fixed view" about the cause.')
    assert _found(text) == []


def test_neutral_account_of_an_act_is_no_reaction() -> None:
    text = ("Oskaria said on Monday that Dravia had shut three border crossings. Economists at "
            "Quist Bank said the closures were costing Oskarian hauliers a million euros a day.")
    assert _found(text) == []
