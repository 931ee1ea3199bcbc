"""Word lists used by the extraction stages, and the regexes compiled from them.

Kept apart from the stages so that tuning the vocabulary never touches control flow.
The lists describe English news style in general; none is drawn from a particular
article.
"""

import re
from functools import cache

# Verbs of saying that report what a source asserted.
# Irregular or doubled-consonant forms are spelled out; the rest are inflected below.
SPEECH_LEMMAS = tuple(
    w.replace("_", " ")
    for w in """
say tell announce declare state emphasize emphasise stress suggest highlight note warn
insist argue acknowledge admit deny add write claim explain confirm report reply respond
caution predict pledge promise vow assert maintain contend concede recall reveal
disclose indicate signal complain observe remark comment tweet agree estimate conclude
counter testify allege urge demand propose recommend rule inform assure lament
reiterate underline underscore repeat answer point_out call_for call_on announce
describe threaten boast forecast brief mention notify post contend reason read confess
insist concede retort quip joke recount continue
""".split()
)

# Verbs of thinking: attributed content, but weaker evidence that it was said.
THOUGHT_LEMMAS = ("believe", "fear", "hope", "think", "worry", "doubt", "feel", "reckon", "wonder")

# Verbs by which one source responds to another, with the stance they carry.
REACTION_LEMMAS: dict[str, str] = dict(
    pair.split(":")  # type: ignore[misc]
    for pair in """
welcome:support praise:support hail:support applaud:support endorse:support
commend:support laud:support back:support embrace:support celebrate:support
criticise:oppose criticize:oppose reject:oppose dismiss:oppose denounce:oppose
condemn:oppose slam:oppose blast:oppose dispute:oppose refute:oppose decry:oppose
deride:oppose rebuff:oppose lambast:oppose attack:oppose oppose:oppose question:concern
call:neutral accuse:oppose support:support disagree:oppose defend:support echo:support
deplore:oppose regret:oppose congratulate:support
""".split()
)

# Reaction verbs whose -ing form is mostly something else ("counsel, defending, said").
_PAST_ONLY_REACTIONS = frozenset({"defend", "echo"})

# Multi-word reaction expressions: (regex, stance). Matched as written.
REACTION_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:expressed|voiced|raised|signalled|signaled) (?:deep |serious |grave )?concerns?", "concern"),
    (r"(?:expressed|voiced) (?:alarm|dismay|unease|doubts?|scepticism|skepticism)", "concern"),
    (r"(?:expressed|voiced|offered|signalled|signaled) (?:support|approval|relief|satisfaction|gratitude)",
     "support"),
    (r"(?:expressed|voiced) (?:regret|disappointment|anger|frustration|outrage|opposition)", "oppose"),
    (r"refused to (?:concede|accept|back down)", "oppose"),
    (r"(?:are|is|was|were) not (?:persuaded|convinced|impressed)", "oppose"),
    # "was critical of the plan", "were sceptical": a stance stated as an adjective
    (r"(?:are|is|was|were) (?:\w+ly )?(?:critical|dismissive|scathing|sceptical|skeptical|unconvinced|"
     r"unimpressed)(?: of| about| by)?", "oppose"),
    (r"(?:are|is|was|were) (?:\w+ly )?(?:supportive|appreciative)(?: of)?", "support"),
    (r"(?:are|is|was|were) (?:\w+ly )?(?:wary|doubtful)(?: of| about)?", "concern"),
    # "sounded a wary note": the tone of a reaction, whose words follow
    (r"(?:struck|strikes|sounded|sounds) a (?:more |less |far |much |very |rather )?(?:cautious|"
     r"sceptical|skeptical|wary|worried|gloomy|gloomier|downbeat|sombre|somber) (?:note|tone)",
     "concern"),
    (r"(?:struck|strikes|sounded|sounds) a (?:more |far |much |very |rather )?(?:critical|defiant|"
     r"combative|angry|harsher|hostile) (?:note|tone)", "oppose"),
    (r"(?:struck|strikes|sounded|sounds) a (?:more |far |much |very |rather )?(?:upbeat|optimistic|"
     r"positive|warmer|conciliatory|supportive) (?:note|tone)", "support"),
    (r"hit back at", "oppose"),
    (r"(?:hit|hits|lashed|lashes) out at", "oppose"),
    (r"(?:took|takes) aim at", "oppose"),
    (r"(?:poured|pours) cold water on", "oppose"),
    (r"(?:spoke|speaks|came|comes) out against", "oppose"),
    (r"(?:threw|throws) (?:its|his|her|their) (?:full )?(?:weight|support) behind", "support"),
    (r"(?:came|comes) out in (?:favour|favor) of", "support"),
    (r"pushed back (?:on|against)", "oppose"),
    (r"reacted with (?:\w+ )?(?:alarm|concern|unease|caution)", "concern"),
    (r"reacted with (?:\w+ )?(?:anger|fury|outrage|derision|disbelief|dismay|scepticism|skepticism)",
     "oppose"),
    (r"reacted with (?:\w+ )?(?:relief|delight|enthusiasm|approval)", "support"),
)

# Passive reception: "the levy has been met with unease among growers".
RECEPTION_NOUNS: dict[str, str] = dict(
    pair.split(":")  # type: ignore[misc]
    for pair in """
concern:concern alarm:concern unease:concern scepticism:oppose skepticism:oppose
dismay:oppose caution:concern worry:concern criticism:oppose anger:oppose
outrage:oppose derision:oppose hostility:oppose opposition:oppose protests:oppose
praise:support approval:support enthusiasm:support relief:support applause:support
support:support interest:neutral surprise:neutral fire:oppose flak:oppose backlash:oppose
condemnation:oppose ridicule:oppose scorn:oppose welcome:support
""".split()
)

# Feelings a source reports about another's act: "said it was concerned by the plan".
FEELING_STANCES: dict[str, str] = dict(
    pair.split(":")  # type: ignore[misc]
    for pair in """
concerned:concern worried:concern alarmed:concern troubled:concern disturbed:concern
uneasy:concern anxious:concern
disappointed:oppose dismayed:oppose angered:oppose appalled:oppose outraged:oppose
furious:oppose frustrated:oppose saddened:oppose shocked:oppose
pleased:support delighted:support encouraged:support heartened:support relieved:support
satisfied:support thrilled:support grateful:support reassured:support
vindicated:support
""".split()
)

# Irregular inflections: lemma -> (3rd person, past, past participle, -ing).
_IRREGULAR = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    # "written" is left out: "rules written into the contract" is no attribution.
    "write": ("writes", "wrote", "wrote", "writing"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "feel": ("feels", "felt", "felt", "feeling"),
    "brief": ("briefs", "briefed", "briefed", "briefing"),
    "signal": ("signals", "signalled|signaled", "signalled|signaled", "signalling|signaling"),
    "counter": ("counters", "countered", "countered", "countering"),
    "answer": ("answers", "answered", "answered", "answering"),
    "question": ("questions", "questioned", "questioned", "questioning"),
    "slam": ("slams", "slammed", "slammed", "slamming"),
    "back": ("backs", "backed", "backed", "backing"),
    "rebuff": ("rebuffs", "rebuffed", "rebuffed", "rebuffing"),
    "lambast": ("lambasts", "lambasted", "lambasted", "lambasting"),
    "admit": ("admits", "admitted", "admitted", "admitting"),
    "regret": ("regrets", "regretted", "regretted", "regretting"),
    "rule": ("rules", "ruled", "ruled", "ruling"),
    "read": ("reads", "read", "read", "reading"),
}

# Base forms that are more often nouns than verbs in news copy; only their
# unambiguous verb forms are cues ("posted", not "post"; "claimed", not "claims").
NOUN_LIKE_BASES = frozenset(
    w.replace("_", " ")
    for w in """
accuse add answer attack back blast brief call call_for call_on claim comment concern
counter decry demand describe dismiss doubt estimate fear feel forecast hope mention
note pledge point_out post praise predict promise question remark repeat reply report
rule signal slam state tweet vow warning welcome worry
""".split()
)


def inflect(lemma: str) -> tuple[str, ...]:
    """Return the surface forms of a verb lemma: base, -s, past, -ing.

    >>> inflect("deny")
    ('deny', 'denies', 'denied', 'denying')
    """
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in _IRREGULAR:
        forms = [head, *"|".join(_IRREGULAR[head]).split("|")]
    elif head.endswith("e"):
        forms = [head, head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("s", "sh", "ch", "x")):
        forms = [head, head + "es", head + "ed", head + "ing"]
    else:
        forms = [head, head + "s", head + "ed", head + "ing"]
    return tuple(dict.fromkeys(f + tail for f in forms))


@cache
def surface_to_lemma() -> dict[str, tuple[str, str]]:
    """Map every cue surface form to (lemma, tier); tier is speech/thought/reaction."""
    table: dict[str, tuple[str, str]] = {}
    for tier, lemmas in (
        ("reaction", REACTION_LEMMAS),
        ("thought", THOUGHT_LEMMAS),
        ("speech", SPEECH_LEMMAS),
    ):
        for lemma in lemmas:
            for i, form in enumerate(inflect(lemma)):
                # Present-tense reaction verbs are rare in news and often nouns
                # ("the dispute", "a welcome"); so are noun-like bases ("post").
                if i in (0, 1) and (tier == "reaction" or lemma in NOUN_LIKE_BASES and tier != "thought"):
                    continue
                if i == 3 and lemma in _PAST_ONLY_REACTIONS:
                    continue  # "Ana Ruiz, defending, said": counsel for the defence
                table[form] = (lemma, tier)
    return table


# Participles that open a second statement by the same subject: ", adding that ...".
PARTICIPLE_SPLITTERS = frozenset(
    f for lemma in SPEECH_LEMMAS + THOUGHT_LEMMAS for f in inflect(lemma)[-1:]
) - {
    "urging",
    "calling for",
    "calling on",
    "describing",
    "signalling",
    "signaling",
    "briefing",
    "ruling",
    "estimating",
    "forecasting",
}

# Words that, right before a cue, make it hypothetical or someone else's act.
MODAL_BLOCKERS = re.compile(
    r"(?:\b(?:will|would|may|might|could|should|shall|must|can|cannot|to|not|n't|never|"
    r"did not|does not|do not)\s+(?:\w+ly\s+)?(?:be\s+)?)$",
    re.IGNORECASE,
)
PASSIVE_BLOCKER = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "organization"}
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})

# Words that name an office; used to split "Defence Minister Jan Kowal" into
# role and name, and to resolve "the minister" back to the person.
TITLE_WORDS = frozenset(
    """
minister secretary president vice prime chancellor governor mayor senator sen rep
representative councillor councilman councilwoman commissioner ambassador envoy general
gen admiral colonel col captain capt lieutenant sergeant chief executive officer director
chairman chairwoman chair head spokesperson spokesman spokeswoman deputy assistant foreign
defence defense finance interior justice health trade economy energy home state
attorney judge justice professor prof dr doctor mr mrs ms miss sir dame lord lady king
queen prince princess pope cardinal bishop rabbi imam sheikh coach manager captain
leader founder chief ceo cfo coo cto chancellor speaker dean provost rector inspector
superintendent commander marshal premier president-elect treasurer auditor advocate
negotiator adviser advisor economist analyst lawyer attorney spokesperson
meteorologist economist scientist researcher historian physician surgeon architect
engineer author novelist journalist activist campaigner striker midfielder goalkeeper
winger forward playmaker reporter correspondent editor columnist challenger incumbent nominee
defender coach actor actress singer artist designer entrepreneur investor banker
consultant diplomat politician candidate lawmaker legislator organiser organizer producer
chef pilot nurse teacher principal pastor priest
mp mps mep mla congressman congresswoman assemblyman assemblywoman opposition
""".split()
)

# Words that qualify an office but never name one alone ("Energy UK" is no title).
TITLE_QUALIFIERS = frozenset(
    """
vice prime foreign defence defense finance interior justice health trade economy energy
home state executive general deputy assistant chief
opposition
""".split()
)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady"})

# Head words that make a capitalised name an organisation rather than a person.
ORG_WORDS = frozenset(
    """
agency association authority bank board bureau cabinet centre center chamber coalition
college commission committee company conference congress corporation council court
department directorate federation foundation fund government group inc institute
institution international league ltd ministry network office
organization organisation parliament party police programme program senate service
society tribunal trust unit union university airlines airways administration alliance
assembly army navy force forces guard club consortium observatory laboratory lab
hospital school academy press news times post journal reuters associates partners
holdings bloc secretariat parliament pentagon capital
analytics consulting consultancy research economics intelligence insight insights advisory
advisers partners associates securities ratings markets systems solutions technologies
technology labs ventures media energy motors pharma pharmaceuticals foods logistics shipping
telecom resources mining oil gas power utilities water rail railways bus transport
radio television tv broadcasting hospice clinic museum library gallery theatre theater
zoo church cathedral prison airport
rovers united athletic wanderers albion fc afc rangers
""".split()
)

# Common nouns for sources without a name.
SOURCE_NOUNS = frozenset(
    """
official officials diplomat diplomats source sources spokesperson spokesman spokeswoman
analyst analysts expert experts economist economists observer observers resident residents
member members ally allies critic critics lawmaker lawmakers legislator legislators
researcher researchers scientist scientists doctor doctors lawyer lawyers activist
activists campaigner campaigners charity charities group groups union unions minister
ministers leader leaders negotiator negotiators delegation delegations government
governments ministry police investigators prosecutors prosecutor authorities witness
witnesses farmer farmers worker workers voter voters protester protesters organisers
organizers team company firm regulator agency court judges judge committee council
commission association federation forwarders forwarder executive executives employee
employees trader traders investor investors student students teacher teachers parent
parents nurse nurses manager managers aide aides adviser advisers advisor advisors
administration office bank banks industry representatives representative envoy envoys
candidate candidates opposition commentators users people villagers families
management staff workers employees unions bosses insiders owners landlords tenants
shareholders bondholders creditors donors sponsors fans supporters opponents
delegates participants attendees
""".split()
)

# Mass nouns that are sources in "according to police data", "survey data show".
DATA_NOUNS = frozenset({"data", "research", "polling"})

ORG_NOUNS = frozenset(
    """
ministry government court council commission agency company firm regulator union
federation association committee office bank administration delegation authority
authorities department parliament police group party institute university
""".split()
)

DETERMINERS = frozenset(
    """
the a an some several many most other two three four five six seven eight nine ten
dozens hundreds thousands both few its his her their our this that these those another
each every all one
""".split()
)

INTRO_WORDS = frozenset(
    """
in on at after before when while as if although though because since during under
asked speaking presenting writing addressing meanwhile however but and yet so also
still separately earlier later then by from with without for despite according unlike
like last this that until once where whereas instead elsewhere, responding
""".split()
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)

ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof st gen sen rep gov lt col sgt capt jr sr vs etc no inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig mt ft rev
""".split()
)

# Words that may open a sentence after an ambiguous abbreviation such as "U.S.".
SENTENCE_STARTERS = frozenset(
    """
the a an it he she they we i but and in on at this that these those there his her its
their our as after before when while if however meanwhile yet so for with by what who
""".split()
)

DEMONYMS: dict[str, str] = {
    k: v.replace("_", " ")
    for k, v in (
        pair.split(":")
        for pair in """
american:united_states british:britain french:france german:germany dutch:netherlands
polish:poland spanish:spain italian:italy russian:russia ukrainian:ukraine chinese:china
japanese:japan irish:ireland brazilian:brazil indian:india swedish:sweden danish:denmark
norwegian:norway finnish:finland greek:greece turkish:turkey portuguese:portugal
belgian:belgium austrian:austria swiss:switzerland czech:czech hungarian:hungary
romanian:romania croatian:croatia saudi:saudi_arabia israeli:israel canadian:canada
mexican:mexico australian:australia korean:korea european:europe slovak:slovakia
iranian:iran egyptian:egypt
""".split()
    )
}

# Nouns for a source's act that others react to ("welcomed the decision").
ACTION_NOUNS = frozenset(
    """
decision ruling judgment judgement verdict announcement plan plans proposal proposals move
deal policy law bill report findings figures results offer statement vote approval
increase rise cut cuts change changes measures reform reforms strategy budget
promise pledge commitment closure closures ban strike walkout delay delays postponement
hike hikes tariffs sanctions sentence fine merger takeover bid layoffs redundancies
remarks comments speech response approach handling investment project scheme programme
appointment resignation dismissal result referendum rules regulation regulations
u-turn reversal climbdown retreat
deadline target targets timetable tax taxes levy tariff fee fees package agreement treaty
settlement penalty penalties
study research paper survey
""".split()
)

# Nouns for what a source said, which a reaction answers ("rejected the claim"); with no
# owner named they point back at the last other source who spoke.
CLAIM_NOUNS = frozenset(
    """
claim claims remark remarks comment comments idea account suggestion suggestions accusation
accusations allegation allegations assertion assertions argument arguments charge charges
characterisation characterization view views concern concerns criticism criticisms
forecast forecasts figures estimate estimates prediction predictions projection projections
assessment warning warnings assurance assurances denial explanation version narrative
interpretation rhetoric position stance statement statements description portrayal news
""".split()
)

# Other words for the same act, so that "the strike" finds who announced "the walkout".
ACT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "strike": ("walkout", "stoppage", "industrial action"),
    "walkout": ("strike", "stoppage"),
    "plan": ("proposal", "scheme"),
    "proposal": ("plan", "scheme"),
    "scheme": ("plan", "proposal"),
    "ban": ("prohibition",),
    "cut": ("reduction",),
    "cuts": ("reductions",),
    "increase": ("rise", "hike"),
    "rise": ("increase", "hike"),
    "hike": ("increase", "rise"),
    "closure": ("shutdown",),
    "layoffs": ("redundancies", "job cuts"),
    "redundancies": ("layoffs", "job cuts"),
}

# Evaluative words that give a statement about another's act its stance.
POSITIVE_WORDS = frozenset(
    """
confidence confident welcome welcomed victory good great right correct fair sensible
success successful praise support supports backing progress positive pleased delighted
encouraging important milestone landmark win prudent wise justified reasonable
balanced careful thorough sound clarity relieved proud grateful
bold brave courageous historic excellent vital fantastic breakthrough smart
true accurate helpful useful overdue long-overdue realistic realism pragmatic encouraged
applaud commend grateful thankful boost
promptly responsibly commendable constructive transparent
""".split()
)
NEGATIVE_WORDS = frozenset(
    """
gutted disappointed disappointing wrong unfair failure failed mistake regret reckless
blow disaster catastrophe shambles farce insult nonsense scandal
dangerous unacceptable outrageous betrayal scandal shameful disgrace worried concerned
alarming angry furious appalled criticism flawed misguided unhelpful premature
unnecessary saddened frustrated dismayed devastated
irresponsible unrealistic absurd ridiculous cynical dishonest lie lies hypocritical chaos
chaotic damaging harmful cruel unjust illegal unlawful undemocratic betrayed disgraceful
false untrue baseless unfounded misleading inaccurate incorrect fantasy wishful nonsensical
undermine undermines undermining hurt hurts damage damages threaten threatens ignore
ignored ignores ignoring fails abandon abandoned betray backwards step-back regressive
short-sighted shortsighted outdated pointless naive arbitrary excessive disproportionate
punish punishes punitive slap contempt insulting offensive deplorable
baffling bizarre puzzling inexplicable laughable scandalous astonishing indefensible
brutal harsh heartless callous savage
bribe bribes bribery corrupt corruption vandalism sabotage scapegoat smear witch-hunt
cover-up whitewash stunt gimmick
scaremongering fearmongering scare-mongering exaggeration exaggerated propaganda
misinformation disinformation hysteria hysterical distortion smokescreen
""".split()
)

# Words that make a verdict a worry rather than an objection ("we are concerned ...").
CONCERN_WORDS = frozenset(
    """
worried worrying worry worries concerned concern concerns fear fears feared alarmed alarming
uneasy anxious risk risks risky troubling troubled nervous cautious wary sceptical skeptical
uncertain uncertainty doubt doubts doubtful
""".split()
)

# Words that reverse the stance of the evaluative word that follows ("not fair").
NEGATORS = frozenset("not n't never no hardly nothing neither nor lost lack lacks lacked without".split())

# Who speaks for a described body: "the government" through a minister, and so on.
HEAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "government": ("minister", "ministry", "cabinet", "secretary", "chancellor", "premier"),
    "cabinet": ("minister", "government", "prime minister"),
    "court": ("judges", "judge", "tribunal"),
    "judges": ("court", "tribunal"),
    "company": ("group", "firm", "corporation", "chief executive", "ceo"),
    "firm": ("company", "group"),
    "union": ("general secretary", "union leader"),
    "researchers": ("scientists", "team"),
    "scientists": ("researchers", "team"),
    "police": ("officers", "constabulary", "police force"),
    "charity": ("trust", "foundation", "fund", "appeal"),
    "club": ("fc", "afc", "united", "rovers", "athletic", "wanderers", "albion", "rangers"),
}
