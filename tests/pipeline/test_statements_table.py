"""Table of short invented passages -> the statements the extractor must find.

Every name, organisation and sentence here is made up for these tests. Each row is
(passage, expected) where expected lists (speaker, cue, kind, content) exactly; an
empty list means the passage holds no attributed statement.
"""

from datetime import date

import pytest

from app.pipeline.extract import extract

Row = tuple[str, str, str, str]

CASES: list[tuple[str, str, list[Row]]] = [
    # --- direct quotations -------------------------------------------------------------
    ("direct-post-cue-inverted",
     '"The bridge will reopen in May," said Mayor Lena Hartwig.',
     [("Lena Hartwig", "said", "direct", "The bridge will reopen in May,")]),
    ("direct-curly-org",
     "“We have no plans to raise fares,” the transport authority said.",
     [("transport authority", "said", "direct", "We have no plans to raise fares,")]),
    ("direct-colon-lead-in",
     'Finance Minister Oskar Brandt said: "The deficit is under control."',
     [("Oskar Brandt", "said", "direct", "The deficit is under control.")]),
    ("direct-split-around-cue",
     'Coach Marta Ilves was defiant. "We will not give up," she said, "and we will win."',
     [("Marta Ilves", "said", "direct", 'We will not give up," she said, "and we will win.')]),
    ("direct-multi-sentence",
     '"Prices rose again. Families are struggling," said Dario Fenn, an economist at '
     "Halvard Bank.",
     [("Dario Fenn", "said", "direct", "Prices rose again. Families are struggling,")]),
    ("direct-over-paragraphs",
     '"The first phase is done.\n\n"The second phase starts next week," project manager '
     "Ruth Okafor told reporters.",
     [("Ruth Okafor", "told", "direct",
       'The first phase is done.\n\n"The second phase starts next week,')]),
    ("direct-follow-on-same-paragraph",
     'Fire chief Anders Moe spoke at the scene. "We acted quickly," Moe said. "Nobody was hurt."',
     [("Anders Moe", "said", "direct", 'We acted quickly," Moe said. "Nobody was hurt.')]),
    ("direct-follow-on-new-paragraph",
     "Nadia Perrin, the festival director, said ticket sales had doubled.\n\n"
     '"We have never seen demand like this."',
     [("Nadia Perrin", "said", "indirect", "ticket sales had doubled"),
      ("Nadia Perrin", "said", "direct", "We have never seen demand like this.")]),
    ("direct-hard-wrapped",
     '"We will appeal," said Dr.\nIrena Kowal, a lawyer for the\nfamily.',
     [("Irena Kowal", "said", "direct", "We will appeal,")]),
    ("direct-first-person-stays-inside",
     '"I think we can win this league," said striker Leo Brandt.',
     [("Leo Brandt", "said", "direct", "I think we can win this league,")]),
    ("direct-added",
     "Interior Minister Pavel Roudny visited the site. “The fence works,” Roudny added.",
     [("Pavel Roudny", "added", "direct", "The fence works,")]),
    ("direct-put-it",
     'Analyst Greta Lund put it bluntly: "The market is saturated."',
     [("Greta Lund", "put it bluntly", "direct", "The market is saturated.")]),
    # --- reported speech ----------------------------------------------------------------
    ("reported-that",
     "Interior Minister Pavel Roudny said that the border would stay open.",
     [("Pavel Roudny", "said", "indirect", "the border would stay open")]),
    ("reported-no-that",
     "Pavel Roudny said the border would stay open.",
     [("Pavel Roudny", "said", "indirect", "the border would stay open")]),
    ("reported-told-reporters",
     "The airline told reporters on Tuesday that all flights would resume.",
     [("airline", "told", "indirect", "all flights would resume")]),
    ("reported-told-object-is-not-speaker",
     "Manager Otto Lind told the players that training would start early.",
     [("Otto Lind", "told", "indirect", "training would start early")]),
    ("according-to-before",
     "According to the statistics office, unemployment fell to 4.1 percent.",
     [("statistics office", "According to", "indirect", "unemployment fell to 4.1 percent")]),
    ("according-to-after",
     "Unemployment fell to 4.1 percent, according to the statistics office.",
     [("statistics office", "according to", "indirect", "Unemployment fell to 4.1 percent")]),
    ("mixed-quoted-fragment",
     'Senator Alma Reyes said the plan was "dead on arrival".',
     [("Alma Reyes", "said", "mixed", 'the plan was "dead on arrival"')]),
    ("said-in-a-statement",
     "The ministry said in a statement that it would review the contract.",
     [("ministry", "said", "indirect", "it would review the contract")]),
    ("wrote-on-x",
     "Opposition leader Tomas Varga wrote on X that the vote had been rigged.",
     [("Tomas Varga", "wrote", "indirect", "the vote had been rigged")]),
    ("posted",
     "Councillor Ben Adeyemi posted on Facebook that the library would close.",
     [("Ben Adeyemi", "posted", "indirect", "the library would close")]),
    ("backward-group",
     "Rescue teams were still searching for survivors, officials said.",
     [("officials", "said", "indirect", "Rescue teams were still searching for survivors")]),
    ("backward-description",
     "The plant will close in June, the company said on Monday.",
     [("company", "said", "indirect", "The plant will close in June")]),
    ("two-that-clauses-one-cue",
     "Dr. Hana Kim said that the vaccine was safe and that side effects were rare.",
     [("Hana Kim", "said", "indirect", "the vaccine was safe and that side effects were rare")]),
    ("coordinated-cues",
     "Governor Paula Stein announced that taxes would fall and emphasized that schools "
     "would get more money.",
     [("Paula Stein", "announced", "indirect", "taxes would fall"),
      ("Paula Stein", "emphasized", "indirect", "schools would get more money")]),
    ("participle-adding",
     "The regulator fined the bank 2 million euros, the agency said, adding that the "
     "investigation was closed.",
     [("agency", "said", "indirect", "The regulator fined the bank 2 million euros"),
      ("agency", "adding", "indirect", "the investigation was closed")]),
    ("nested-told",
     "Carlos Ortiz runs a bakery. Ortiz said the supplier had told him that prices would rise.",
     [("Carlos Ortiz", "said", "indirect", "the supplier had told him that prices would rise"),
      ("supplier", "told", "indirect", "prices would rise")]),
    ("post-posed-name",
     "Demand for heat pumps has doubled, Mikael Strand noted.",
     [("Mikael Strand", "noted", "indirect", "Demand for heat pumps has doubled")]),
    ("told-audience-then-colon",
     'Prime Minister Erik Sund told parliament on Wednesday: "We will not bow to pressure."',
     [("Erik Sund", "told", "direct", "We will not bow to pressure.")]),
    ("told-media-then-clause", "Witnesses told local media they heard two explosions.",
     [("Witnesses", "told", "indirect", "they heard two explosions")]),
    ("adding-colon-quote",
     '"We have done nothing wrong," the company said in a statement on Friday, adding: '
     '"We will cooperate fully."',
     [("company", "said", "direct", "We have done nothing wrong,"),
      ("company", "adding", "direct", "We will cooperate fully.")]),
    ("age-apposition", "Factory owner Lars Hansen, 54, said the factory would stay open.",
     [("Lars Hansen", "said", "indirect", "the factory would stay open")]),
    ("however-aside", "Mayor Ana Ruiz, however, said the plan was flawed.",
     [("Ana Ruiz", "said", "indirect", "the plan was flawed")]),
    ("portfolio-title",
     '"It is a good deal for farmers," Agriculture Minister Jonas Weber said of the agreement.',
     [("Jonas Weber", "said", "direct", "It is a good deal for farmers,")]),
    ("second-subject-after-while",
     "Union officials said they would not accept the offer, while management insisted that "
     "it was final.",
     [("Union officials", "said", "indirect", "they would not accept the offer"),
      ("management", "insisted", "indirect", "it was final")]),
    ("one-word-object", 'Mayor Ana Ruiz said she was "deeply saddened" and called for calm.',
     [("Ana Ruiz", "said", "mixed", 'she was "deeply saddened"'),
      ("Ana Ruiz", "called for", "indirect", "calm")]),
    ("said-only-that",
     'Asked about the delay, a spokeswoman said only that the company was "reviewing all '
     'options".',
     [("a spokeswoman", "said", "mixed", 'the company was "reviewing all options"')]),
    ("lead-in-adjective-colon", 'Mayor Ana Ruiz was blunt: "We will not pay."',
     [("Ana Ruiz", ":", "direct", "We will not pay.")]),
    ("lead-in-possessive-message", 'The governor\'s message was clear: "Stay home."',
     [("governor", ":", "direct", "Stay home.")]),
    ("lead-in-dash", 'Striker Tom Baird had one message for the fans \u2014 "Keep believing."',
     [("Tom Baird", ":", "direct", "Keep believing.")]),
    ("lead-in-transcript-name", 'Ruiz: "We will rebuild."',
     [("Ruiz", ":", "direct", "We will rebuild.")]),
    ("cue-then-adverb-colon", 'Striker Tom Baird said afterwards: "It was a team effort."',
     [("Tom Baird", "said", "direct", "It was a team effort.")]),
    ("parenthetical-attribution", "The decision, the court said, was final.",
     [("court", "said", "indirect", "The decision, the court said, was final")]),
    ("told-plain-audience", "Chief executive Maja Stein told investors the company would cut jobs.",
     [("Maja Stein", "told", "indirect", "the company would cut jobs")]),
    ("party-in-parentheses", "Rep. John Kim (R-Texas) said the vote was rigged.",
     [("John Kim", "said", "indirect", "the vote was rigged")]),
    ("according-to-after-quote",
     "“The era of cheap energy is over,” according to Lena Fischer, an analyst at Nordbank.",
     [("Lena Fischer", "according to", "direct", "The era of cheap energy is over,")]),
    ("with-absolute-participle",
     'Lawmakers criticised the plan, with Senator Ian Cole calling it "reckless".',
     [("Ian Cole", "calling", "mixed", 'it "reckless"')]),
    ("document-speaks-for-its-author",
     "The Tax Office published its annual report on Monday. The report said that evasion "
     "had fallen.",
     [("Tax Office", "said", "indirect", "evasion had fallen")]),
    ("acronym-is-not-a-pronoun", "The WHO said in a report that cases had risen.",
     [("WHO", "said", "indirect", "cases had risen")]),
    ("pronoun-after-surname-only", 'Ruiz said he was confident. He added: "We will win."',
     [("Ruiz", "said", "indirect", "he was confident"),
      ("Ruiz", "added", "direct", "We will win.")]),
    ("participle-as-modifier-is-no-cue",
     "Prime Minister Alexis Varga said the statement condemning the strikes was unfair.",
     [("Alexis Varga", "said", "indirect", "the statement condemning the strikes was unfair")]),
    ("possessive-affiliation",
     "The Green Party's Tilda Moen said the tax was regressive. Moen added that she would "
     "vote against it.",
     [("Tilda Moen", "said", "indirect", "the tax was regressive"),
      ("Tilda Moen", "added", "indirect", "she would vote against it")]),
    ("honorific-surname-is-a-person",
     'Mr Okafor said the shop would reopen. He added: "We are not giving up."',
     [("Okafor", "said", "indirect", "the shop would reopen"),
      ("Okafor", "added", "direct", "We are not giving up.")]),
    ("agent-noun-description",
     "Ilse Marek spoke after the vote. The strategist said the party had misread voters.",
     [("Ilse Marek", "said", "indirect", "the party had misread voters")]),
    ("respond-needs-content", "President Ivo Brandt responded shortly after the vote.", []),
    ("pronoun-to-title-description",
     "The coach, known for his temper, protested on the touchline. “It was a clean goal,” "
     "he said.",
     [("coach", "said", "direct", "It was a clean goal,")]),
    ("call-object-with-relative-clause",
     "Coach Lars Brink called the penalty that decided the game “a gift”.",
     [("Lars Brink", "called", "mixed", "the penalty that decided the game “a gift”")]),
    ("trailing-adverb-on-subject",
     "Harbour City’s Paul Dunn just admitted that his team was “second best”.",
     [("Paul Dunn", "admitted", "mixed", "his team was “second best”")]),
    ("cue-confessed", "Sven Dahl confessed that the launch had been rushed.",
     [("Sven Dahl", "confessed", "indirect", "the launch had been rushed")]),
    ("according-to-a-document-from",
     "The port will reopen, according to a report by the Harbour Authority.",
     [("Harbour Authority", "according to", "indirect", "The port will reopen")]),
    ("continued-with-colon", 'The minister continued: "We will not stop."',
     [("minister", "continued", "direct", "We will not stop.")]),
    ("continued-is-narration", "Prices continued to rise in March.", []),
    ("said-in-an-interview", "Lena Berg said in an interview that the port would reopen.",
     [("Lena Berg", "said", "indirect", "the port would reopen")]),
    ("headline-verb-is-a-title",
     "Port workers announce strike over pay\nDock workers will strike on Monday, their "
     "union said.",
     [("union", "said", "indirect", "Dock workers will strike on Monday")]),
    ("description-before-name",
     "Dock workers will strike on Monday, their union said. The dockers' union Portlink "
     "said later that talks had failed.",
     [("Portlink", "said", "indirect", "Dock workers will strike on Monday"),
      ("Portlink", "said", "indirect", "talks had failed")]),
    ("person-of-place",
     "Mayor Sofie Lund of Varn, whose town depends on tourism, called the closures "
     "\"a hammer blow\".",
     [("Sofie Lund", "called", "mixed", 'the closures "a hammer blow"')]),
    ("the-organisation-of-x",
     "Rents rose, while the Federation of Tenants said its members were struggling.",
     [("Federation of Tenants", "said", "indirect", "its members were struggling")]),
    # --- the cue lexicon ----------------------------------------------------------------
    ("cue-declared", "Rector Ines Vidal declared that the campus would stay closed.",
     [("Ines Vidal", "declared", "indirect", "the campus would stay closed")]),
    ("cue-stated", "The report's author, Noah Berger, stated that the data were incomplete.",
     [("Noah Berger", "stated", "indirect", "the data were incomplete")]),
    ("cue-suggested", "Paula Stein suggested that the vote be postponed.",
     [("Paula Stein", "suggested", "indirect", "the vote be postponed")]),
    ("cue-called-for", "Paula Stein called for an independent inquiry into the fire.",
     [("Paula Stein", "called for", "indirect", "an independent inquiry into the fire")]),
    ("cue-urged", "The union urged members to reject the offer.",
     [("union", "urged", "indirect", "members to reject the offer")]),
    ("cue-highlighted", "Ivo Marsh highlighted the risk of flooding in the south.",
     [("Ivo Marsh", "highlighted", "indirect", "the risk of flooding in the south")]),
    ("cue-warned", "Meteorologist Sanne Vos warned that the storm would intensify overnight.",
     [("Sanne Vos", "warned", "indirect", "the storm would intensify overnight")]),
    ("cue-insisted", "Coach Marta Ilves insisted that the team was not tired.",
     [("Marta Ilves", "insisted", "indirect", "the team was not tired")]),
    ("cue-argued", "Lawyers for the city argued that the contract was void.",
     [("Lawyers for the city", "argued", "indirect", "the contract was void")]),
    ("cue-acknowledged", "Jonas Weil acknowledged that mistakes had been made.",
     [("Jonas Weil", "acknowledged", "indirect", "mistakes had been made")]),
    ("cue-denied", "Jonas Weil denied that he had been warned about the leak.",
     [("Jonas Weil", "denied", "indirect", "he had been warned about the leak")]),
    ("cue-claimed", "The rebels claimed that they had captured the airport.",
     [("rebels", "claimed", "indirect", "they had captured the airport")]),
    ("cue-pledged", "Mayor Lena Hartwig pledged to plant 10,000 trees by 2030.",
     [("Lena Hartwig", "pledged", "indirect", "to plant 10,000 trees by 2030")]),
    ("cue-confirmed", "A police spokesperson confirmed that two people had been arrested.",
     [("A police spokesperson", "confirmed", "indirect", "two people had been arrested")]),
    ("cue-admitted", "Sven Dahl admitted that the launch had been rushed.",
     [("Sven Dahl", "admitted", "indirect", "the launch had been rushed")]),
    ("cue-predicted", "Economist Rafael Duarte predicted that rates would fall in spring.",
     [("Rafael Duarte", "predicted", "indirect", "rates would fall in spring")]),
    ("cue-says-present", "Scientists at Norden University say the glacier is shrinking.",
     [("Scientists at Norden University", "say", "indirect", "the glacier is shrinking")]),
    # --- thought verbs (lower tier) -----------------------------------------------------
    ("thought-fear", "Many residents fear that the factory will close.",
     [("Many residents", "fear", "indirect", "the factory will close")]),
    ("thought-relative", "The rules worry some farmers, who fear that prices will collapse.",
     [("some farmers", "fear", "indirect", "prices will collapse")]),
    # --- speakers: asides, appositions, resolution ---------------------------------------
    ("aside-who-clause",
     "Mira Santos, who has led the union since 2019, said the strike would go ahead.",
     [("Mira Santos", "said", "indirect", "the strike would go ahead")]),
    ("aside-speaking-anonymously",
     "A senior official, speaking on condition of anonymity, said the deal was close.",
     [("A senior official", "said", "indirect", "the deal was close")]),
    ("apposition-name-second",
     "The club's chairman, Johan Ekdahl, said the stadium would be sold.",
     [("Johan Ekdahl", "said", "indirect", "the stadium would be sold")]),
    ("pronoun-resolution",
     "Central bank governor Ilse Marek spoke in Frankfurt. She said inflation had peaked.",
     [("Ilse Marek", "said", "indirect", "inflation had peaked")]),
    ("description-resolution",
     "Foreign Minister Karin Holm met her counterpart on Monday. The minister said the "
     "meeting was productive.",
     [("Karin Holm", "said", "indirect", "the meeting was productive")]),
    ("intro-phrase-skipped",
     "In Geneva, the Red Cross said access to the camps had improved.",
     [("Red Cross", "said", "indirect", "access to the camps had improved")]),
    ("reporter-question-not-a-statement",
     "Asked whether she would resign, Governor Paula Stein said she had no plans to do so.",
     [("Paula Stein", "said", "indirect", "she had no plans to do so")]),
    ("headline-speaker-colon",
     "Transit agency: fares to rise 5% next year\n"
     "The city transit agency said on Monday that fares would rise 5% in January.",
     [("city transit agency", ":", "indirect", "fares to rise 5% next year"),
      ("city transit agency", "said", "indirect", "fares would rise 5% in January")]),
    # --- negatives: nothing is attributed ------------------------------------------------
    ("neg-expected-to-say", "The mayor is expected to announce the budget on Friday.", []),
    ("neg-remarks-noun", "His remarks drew criticism from the opposition.", []),
    ("neg-cue-without-content", "The minister spoke for twenty minutes.", []),
    ("neg-may-argue", "The company may argue that the contract is void.", []),
    ("neg-narration", "The ceremony was held in the old town hall.", []),
    ("neg-reporter-question", "Reporters asked the minister whether the plan was dead.", []),
    ("neg-declined", "The spokesman declined to comment.", []),
    ("neg-did-not-respond", "The agency did not respond to a request for comment.", []),
    ("neg-future", "The agency will say more next week.", []),
    ("neg-could-claim", "Critics could claim that the rules are unfair.", []),
    ("neg-passive-told", "Residents were told to leave their homes.", []),
    ("neg-think-tank", "The report was written by a think tank in Oslo.", []),
]


def _rows(text: str) -> list[Row]:
    ex = extract(text, date(2025, 5, 14))
    return [(s.speaker, s.cue, s.kind, s.text) for s in ex.statements]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES],
                         ids=[i for i, _, _ in CASES])
def test_statements(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("text", [t for _, t, _ in CASES], ids=[i for i, _, _ in CASES])
def test_offsets_and_references_hold(text: str) -> None:
    ex = extract(text, date(2025, 5, 14))
    names = {s.name for s in ex.speakers}
    for st in ex.statements:
        assert text[st.start:st.end] == st.text
        assert st.speaker in names
        assert 0.0 <= st.confidence <= 1.0
    for r in ex.reactions:
        assert text[r.start:r.end] == r.text
        assert r.reactor in names
        assert r.target_speaker is None or r.target_speaker in names
