"""Responses: evaluative statements and noun forms aimed at another source.

Every passage is invented for these tests.
"""

import pytest

from app.pipeline.extract import extract
from app.pipeline.responses import evaluative_reactions, stance_of
from app.pipeline.types import ReactionFound, SpeakerRef, Statement

# (passage, expected (reactor, target, stance) or None for "no reaction at all")
CASES: list[tuple[str, tuple[str, str, str] | None]] = [
    # A said-statement that judges another source's act.
    ("Finance Minister Nadia Ferrand announced a cut in the sales tax on Monday. "
     "The Retailers' Association said the tax cut was \"long overdue\".",
     ("Retailers' Association", "Nadia Ferrand", "support")),
    ("The Ministry of Transport scrapped the night-train subsidy on Friday. \"This decision "
     "is an insult to every shift worker,\" said Ellen Marsh, the rail union's leader.",
     ("Ellen Marsh", "Ministry of Transport", "oppose")),
    ("Supreme Court judges ruled 5-4 that the law was valid. The Civil Liberties League said "
     "the ruling was \"a dark day for privacy\".",
     ("Civil Liberties League", "Supreme Court", "oppose")),
    # Neutral: the act is named, nothing judged.
    ("The Fernhill Council rejected the stadium plans on Monday. Club chairman Ian Cole said "
     "the club would \"study the ruling carefully\" before deciding on an appeal.",
     ("Ian Cole", "Fernhill Council", "neutral")),
    # "called the decision ...": the act noun sits in the attribution.
    ("The Selby Port Authority approved the new terminal on Wednesday. Dock workers' leader "
     "Sam Ortega called the decision \"a great day for the port\".",
     ("Sam Ortega", "Selby Port Authority", "support")),
    # The stance is in the sentence before the quote.
    ("Mayor Tom Harkin presented his budget on Monday. Councillor Ada Brin was unimpressed. "
     "\"The mayor has rebranded last year's cuts,\" she said.",
     ("Ada Brin", "Tom Harkin", "oppose")),
    # A company that acts without an organisation word in its name.
    ("Brightwell Foods cut its annual sales forecast on Thursday, blaming weak demand. "
     "\"The guidance is weak and the explanation is feeble,\" said Vera Nandan, an analyst "
     "at Coldharbour Securities.",
     ("Vera Nandan", "Brightwell Foods", "oppose")),
    # Reaction verbs whose object is an act the verb stage cannot place.
    ("The city council voted to build 40 kilometres of new bike lanes. "
     "Walking groups welcomed the decision.",
     ("Walking groups", "city council", "support")),
    ("Transport Secretary Gina Hale announced the new rail line would open in 2029. "
     "Rail passengers' groups questioned the timetable.",
     ("Rail passengers' groups", "Gina Hale", "concern")),
    ("Health Minister Omar Patel said the strike was unjustified. Doctors' leader Greta Kemp "
     "criticised the minister, saying he had \"never worked a night shift\".",
     ("Greta Kemp", "Omar Patel", "oppose")),
    # Noun forms.
    ("The Ashby Health Service announced it would close three rural clinics by June. "
     "Village councils reacted with alarm.",
     ("Village councils", "Ashby Health Service", "concern")),
    ("Central bank governor Piet Lorne said inflation would stay high for two years. His "
     "comments, made at a conference in Vienna, drew sharp criticism from bond traders.",
     ("bond traders", "Piet Lorne", "oppose")),
    # A court struck down, the city answers.
    ("The Dalcross High Court on Tuesday struck down a ban on police drones. Mayor Ian Pollard "
     "said the city was angry about the ruling and would consider an appeal.",
     ("Ian Pollard", "Dalcross High Court", "oppose")),
    # An office written before a name lets "the governor" find her.
    ("Central bank governor Eva Marsden held interest rates at 4.5 percent on Thursday. "
     "Maria Sol, chief economist at Nordbank, said the governor had \"made the right call\".",
     ("Maria Sol", "Eva Marsden", "support")),
    # The agent of a passive act: "published ... by".
    ("A study published on Monday by the Marlow Institute found that peat bogs store more "
     "methane than thought. Professor Alan Hughes said the findings were \"important\".",
     ("Alan Hughes", "Marlow Institute", "support")),
    # The speaker's own verb of stance inside the content.
    ("Manager Sean Daly blamed the referee for the defeat. The club's chairman, Rob Finch, "
     "said he backed the manager \"one hundred percent\".",
     ("Rob Finch", "Sean Daly", "support")),
    # An act reported inside someone's statement belongs to the content's subject.
    ("Union organiser Mia Sund said the Northfield Hospital Board had approved the closure of "
     "the maternity ward. Local GP Omar Fenby said the decision was \"a disgrace\".",
     ("Omar Fenby", "Northfield Hospital Board", "oppose")),
    # The act's verb is not "approved": whoever overruled made the decision.
    ("The Ridgeway solar park won planning consent on Tuesday after Energy Secretary Dina "
     "Moss overruled local objections. The Ridgeway Farmers' Federation said the decision was "
     "\"a disgrace\".",
     ("Ridgeway Farmers' Federation", "Dina Moss", "oppose")),
    # "X said it would cut ...": the speaker is the one acting.
    ("The regional health authority said on Friday it would cut 300 nursing posts. Nurses' "
     "union leader Ann Kirby said the cuts would put patients at risk.",
     ("Ann Kirby", "regional health authority", "concern")),
    # Negatives: topic discussion without a target.
    ("Rain is expected across the north on Friday. Forecaster Lia Dunn said temperatures "
     "would fall sharply.", None),
    ("The city's new tram line opened on Monday. Commuter Anna Pike said the ride was quick "
     "and comfortable.", None),
    # Self-reference: a speaker on her own or her organisation's plan.
    ("Acme Corp chief executive Ben Torres said sales had risen 8 percent. Torres said the "
     "company's plan was working.", None),
    ("The Lakeside Water Board unveiled a plan to replace old pipes. A spokesperson for the "
     "Lakeside Water Board said the plan would be a success.", None),
    # Narration, however opinionated, is nobody's reaction.
    ("The Selby Port Authority approved the new terminal on Wednesday. The decision was a "
     "costly mistake.", None),
    # Another source named, but only as news, not judged.
    ("Finance Minister Nadia Ferrand flew to Brussels on Monday. Her deputy, Paul Rimmer, "
     "said Ferrand would return on Thursday.", None),
]


def _ids(case: tuple[str, object]) -> str:
    return case[0][:40]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[_ids(c) for c in CASES])
def test_responses_table(text: str, expected: tuple[str, str, str] | None) -> None:
    found = {(r.reactor, r.target_speaker or "", r.stance) for r in extract(text).reactions}
    if expected is None:
        assert found == set()
    else:
        reactor, target, stance = expected
        assert any(reactor in r and target in t and s == stance for r, t, s in found), found


def _statement(text: str, speaker: str, content: str) -> Statement:
    start = text.index(content)
    return Statement(speaker, content, "indirect", "said", speaker, start, start + len(content))


def test_reaction_content_is_the_statement_and_targets_its_last_statement() -> None:
    text = ("Governor Paul Weir said fuel subsidies would end in May. "
            "Councillor Ada Brin said the governor's plan was \"reckless\".")
    statements = [_statement(text, "Paul Weir", "fuel subsidies would end in May"),
                  _statement(text, "Ada Brin", "the governor's plan was \"reckless\"")]
    speakers = [SpeakerRef("Paul Weir", "person", "Governor", ("Paul Weir", "Weir")),
                SpeakerRef("Ada Brin", "person", "Councillor", ("Ada Brin",))]
    (r,) = evaluative_reactions(text, statements, speakers, [])
    assert (r.reactor, r.target_speaker, r.stance) == ("Ada Brin", "Paul Weir", "oppose")
    assert text[r.start : r.end] == r.text == statements[1].text
    assert r.target_statement == 0


def test_existing_reactions_are_not_repeated() -> None:
    text = ("The Selby Port Authority approved the new terminal. Ana Ruiz said the decision was wrong.")
    st = _statement(text, "Ana Ruiz", "the decision was wrong")
    speakers = [SpeakerRef("Ana Ruiz", "person"), SpeakerRef("Selby Port Authority", "organization")]
    fresh = evaluative_reactions(text, [st], speakers, [])
    assert [(r.reactor, r.target_speaker, r.stance) for r in fresh] == [
        ("Ana Ruiz", "Selby Port Authority", "oppose")]
    existing = ReactionFound("Ana Ruiz", "oppose", "said", st.text, st.start, st.end, "Selby Port Authority")
    assert evaluative_reactions(text, [st], speakers, [existing]) == ()


@pytest.mark.parametrize(("words", "stance"), [
    ("the tax cut was long overdue", "support"),
    ("an insult to every shift worker", "oppose"),
    ("we are worried about the timetable", "concern"),
    ("it was not a good day", "oppose"),
    ("the plan goes too far", "oppose"),
    ("the timing could hardly be worse", "oppose"),
    ("it is hardly fair", "oppose"),
    ("would study the ruling carefully", "neutral"),
    ("the court rejected the appeal", "neutral"),  # a reported act, not a judgement
])
def test_stance_words(words: str, stance: str) -> None:
    assert stance_of(words) == stance
