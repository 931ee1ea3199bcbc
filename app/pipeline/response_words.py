"""Word lists for responses.py: acts, act nouns, and the words that carry a stance.

General English news vocabulary; none is drawn from a particular article.
"""

import re

from app.pipeline.types import Stance

# A source's act, by the past-tense verb that reports it, and the act nouns that
# refer back to it ("approved ..." -> "the decision").
ACT_VERBS: dict[str, frozenset[str]] = {
    "ruled": frozenset({"ruling", "judgment", "judgement", "verdict", "decision"}),
    "struck down": frozenset({"ruling", "judgment", "judgement", "verdict", "decision"}),
    "overturned": frozenset({"ruling", "judgment", "judgement", "verdict", "decision"}),
    "upheld": frozenset({"ruling", "judgment", "judgement", "verdict", "decision"}),
    "decided": frozenset({"decision"}),
    "approved": frozenset({"decision", "approval", "vote", "plan", "plans", "move"}),
    "voted": frozenset({"vote", "decision"}),
    "announced": frozenset({"announcement", "plan", "plans", "move", "decision", "cut", "rise"}),
    "unveiled": frozenset({"plan", "plans", "proposal", "proposals", "budget", "strategy"}),
    "proposed": frozenset({"proposal", "proposals", "plan", "plans", "idea"}),
    "presented": frozenset({"plan", "plans", "budget", "proposal", "report", "findings"}),
    "published": frozenset({"report", "figures", "findings", "study", "data"}),
    "released": frozenset({"report", "figures", "findings", "data"}),
    "reported": frozenset({"figures", "results", "report"}),
    "forecast": frozenset({"forecast", "outlook"}),
    "agreed": frozenset({"deal", "agreement"}),
    "offered": frozenset({"offer", "deal", "rise", "increase"}),
    "signed": frozenset({"deal", "agreement", "law", "bill"}),
    "struck": frozenset({"deal", "agreement"}),
    "introduced": frozenset({"law", "bill", "measure", "measures", "policy"}),
    "passed": frozenset({"law", "bill", "vote"}),
    "adopted": frozenset({"policy", "plan", "measures"}),
    "imposed": frozenset({"ban", "fine", "tariffs", "measures"}),
    "launched": frozenset({"plan", "campaign", "review", "scheme"}),
    "suspended": frozenset({"suspension", "decision", "move"}),
    "banned": frozenset({"ban", "decision"}),
    "raised": frozenset({"rise", "increase", "decision"}),
    "cut": frozenset({"cut", "cuts", "decision"}),
    "scrapped": frozenset({"decision", "move"}),
    "delayed": frozenset({"delay", "decision"}),
    "extended": frozenset({"extension", "decision"}),
    "rejected": frozenset({"rejection", "decision"}),
    "ordered": frozenset({"order", "decision", "ruling"}),
    "fined": frozenset({"fine", "decision"}),
    "overruled": frozenset({"decision", "move", "ruling"}),
    "granted": frozenset({"approval", "decision", "permission", "consent"}),
    "awarded": frozenset({"contract", "decision", "award"}),
    "blocked": frozenset({"decision", "move", "ban"}),
    "refused": frozenset({"decision", "refusal", "move"}),
    "closed": frozenset({"closure", "decision", "move"}),
    "postponed": frozenset({"delay", "decision", "postponement"}),
    "appointed": frozenset({"appointment", "decision", "choice"}),
    "sacked": frozenset({"sacking", "dismissal", "decision", "move"}),
    "chose": frozenset({"choice", "decision"}),
    "set out": frozenset({"plan", "plans", "proposal", "proposals", "strategy"}),
}
# Nouns for what a source said; they point to that source's last statement.
SPEECH_NOUNS = frozenset(
    "remarks remark comments comment statement claim claims words speech assurances "
    "promise pledge criticism accusations allegations warning warnings".split()
)
ACT_NOUNS = frozenset(n for nouns in ACT_VERBS.values() for n in nouns) | frozenset(
    "move deal decision plan plans proposal announcement figures handling response "
    "approach offer guidance timeline timing policy reform reforms".split()
)

SUPPORT_WORDS = frozenset(
    """
welcome welcomed welcomes welcoming praise praised praising hailed applauded backed
endorsed commended good great right correct fair sensible overdue success successful
pleased delighted encouraging milestone win important progress vindicated vindication
breakthrough excellent historic proud thrilled happy glad relieved relief grateful bold
wise sound
""".split()
)
# Reaction verbs judge only when the reactor uses them ("criticised the plan, saying");
# inside the content they report someone else's act ("said the court rejected ...").
FRAME_ONLY = frozenset(
    """
welcomed praised hailed applauded backed endorsed commended criticised criticized
condemned rejected dismissed denounced opposed slammed attacked questioned
""".split()
)
# Act nouns that also name a mere topic ("the rise in prices"): they need a stance.
WEAK_NOUNS = frozenset(
    "rise increase cut cuts figures report findings data law bill policy measures measure "
    "agreement plans plan approval study scheme campaign review order fine ban guidance budget "
    "results forecast outlook timetable schedule delay".split()
)
OPPOSE_WORDS = frozenset(
    """
wrong unfair mistake failure failed fails disgrace disgraceful shameful outrageous
unacceptable reckless flawed misguided absurd ridiculous nonsense scandal scandalous
cynical dishonest misleading undemocratic unlawful illegal punish punishes punishing
damaging disaster disastrous catastrophic insult sham stunt appalled furious angry
outraged regrettable inadequate insufficient pathetic broken ignored ignores
irresponsible hypocritical hypocrisy contempt criticised criticized criticism condemned
rejected dismissed denounced opposed slammed attacked unimpressed weak rebranding
bad worse worst unjust unjustified arrogant feeble challenge joke farce
""".split()
)
CONCERN_WORDS = frozenset(
    """
concern concerns concerned worried worry worrying alarm alarmed alarming uneasy unease
troubling troubled fear fears feared risk risks risky anxious cautious caution doubts
doubt uncertain uncertainty sceptical skeptical dismay premature unclear questioned
wary
""".split()
)
# Idioms whose words alone carry no stance.
STANCE_PHRASES: tuple[tuple[re.Pattern[str], Stance], ...] = tuple(
    (re.compile(p, re.IGNORECASE), s)
    for p, s in (
        (r"\bdark\s+day\b|\bslap\s+in\s+the\s+face\b|\bkick\s+in\s+the\s+teeth\b", "oppose"),
        (r"\bu-turn\b|\bgoes\s+too\s+far\b|\bwent\s+too\s+far\b", "oppose"),
        (r"\bstep\s+(?:forward|in\s+the\s+right\s+direction)\b|\bgood\s+news\b", "support"),
    )
)
NEGATION = frozenset("not no never n't nothing hardly".split())

# Nouns that carry a stance in "drew criticism from", "reacted with dismay".
STANCE_NOUNS: dict[str, Stance] = {
    **{w: "oppose" for w in "criticism condemnation anger outrage fury derision ire rebuke "
       "opposition protest protests scorn".split()},
    **{w: "concern" for w in "concern alarm dismay unease scepticism skepticism worry "
       "caution disquiet".split()},
    **{w: "support" for w in "praise applause approval support relief enthusiasm "
       "welcome".split()},
    "surprise": "neutral",
}
# Office words that let "the mayor" stand for a titled person.
OFFICES = frozenset(
    "minister secretary president chancellor governor mayor commissioner ambassador "
    "senator councillor director chairman chairwoman prosecutor judge premier manager coach "
    "captain chair".split()
)
