"""Lexical cues a semantic hit must show: excess or harm for an overdose, self-referential distress for a check-in.

Why: the sentence model scores by topic, so "i took my meds already so im fine" lies near "i took all my
meds" and "give me the key" near "i have the rope ready". Taking medicine is ordinary; an overdose tier
needs a sign of excess, intent, a harmful substance or its effects. A grey-zone check-in asks "is that
about you?", so it needs the player to say something about themselves that hurts, not just similarity.
These gates only lower what the semantic stage says; the phrase rules are never gated.
"""

from __future__ import annotations

import re
from dataclasses import replace

from engine.safety.semantic import SemanticResult

INGESTED = frozenset({"overdose_taken"})
"""Categories about something already taken: their tiers need an excess or harm cue."""

_NUMBER_WORDS = (r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
                 r"|sixty|hundred|dozens?")
# Excess (quantity beyond a dose, a container), intent, an explicit overdose, a harmful substance,
# alcohol alongside, or the effects of having taken too much. Typos the normaliser leaves are listed.
_EXCESS = re.compile(
    r"\b(?:all|whole|hole|every|evry|everything|entire|full|rest of|lots?|loads?|heaps?|bunch|handful|half"
    r"|double|triple|too many|too much|way too|enough|a lot|the lot|them all|bottles?|packets?|packs?|box"
    r"|boxes|strips?|supply|stash|stockpile\w*|tubs?"
    r"|[3-9]|[1-9]\d+|" + _NUMBER_WORDS + r""
    r"|on purpose|to end|end it|to die|die|dead|kill myself|suicid\w*|wake up|never wake|sleep forever"
    r"|overdos\w*|overdid|od|odd|oded|poison\w*|bleach|antifreeze|cleaning \w+|weedkiller|drain cleaner"
    r"|alcohol|vodka|wine|whiske?y|beer|gin|rum|booze|drunk|drinking"
    r"|vomit\w*|throwing up|threw up|puk\w*|sick|blurr\w*|cant see|dizzy|faint|drows\w*|sleepy|woozy"
    r"|cant stay awake|pass(?:ing)? out|passed out|heart|shaking|numb|weird|scared|cant breathe|kicking in"
    r"|too late|hospital|ambulance)\b"
)
_SELF = re.compile(r"\b(?:i|im|ive|id|ill|me|my|mine|myself|we|us|our)\b")
# "give me the key", "tell me a hint", "let me in": "me" is the recipient of a request to the game,
# which says nothing about the player.
_REQUEST = re.compile(
    r"\b(?:give|tell|show|let|help|teach|take|bring|get|find|hand|lend|send|read|remind|ask|pass|offer"
    r"|grant|sell|buy|leave)\s+(?:me|us)\b"
)
# Feelings, harm, absence and fear words: what a check-in is about. Deliberately broad (the check-in
# is a gentle question); method words are kept apart so "i took my meds" alone is not distress.
_DISTRESS = re.compile(
    r"\b(?:sad\w*|depress\w*|anxi\w*|panic\w*|stress\w*|overwhelm\w*|hopeless\w*|worthless|useless|pointless"
    r"|point|empty|numb|alone|lonely|lonel\w*|miserable|awful|terrible|worse|worst|broken|break\w*|tired|exhaust\w*"
    r"|drained|cope|coping|struggl\w*|suffer\w*|pain\w*|hurt\w*|harm\w*|cry\w*|tears|scar\w*|afraid|fear\w*"
    r"|terrified|frighten\w*|unsafe|safe|threat\w*|hate\w*|hit\w*|beat\w*|punch\w*|slap\w*|kick\w*|shove\w*"
    r"|touch\w*|secret|forced?|grab\w*|yell\w*|scream\w*|shout\w*|control\w*|trapped|stuck|lost|burden|blame"
    r"|die|dying|dead|death|kill\w*|suicid\w*|alive|live|living|life|exist\w*|gone|disappear\w*|vanish\w*"
    r"|anymore|forever|end|ending|ended|over|done|last|goodbye|bye|farewell|leave|leaving|miss\w*|without me"
    r"|better off|nobody|no one|noone|never|nothing|nowhere|give up|giving up|quit|escape|wake|sleep|awake"
    r"|cut\w*|bleed\w*|blood|burn\w*|marks|bruis\w*|wound\w*|jump\w*|fall\w*|rope|noose|pills?|tablets?"
    r"|meds|overdos\w*|bridge|roof|edge|ledge|tracks|cliffs?|knife|blade|gun|plan\w*|ready|tonight|tomorrow"
    r"|note|letters?|sorry|deserve\w*|punish\w*|wrong|fault|stop|cant|help|please|abus\w*|rape\w*|assault\w*"
    r"|bed|bedroom|room|photos?|pics?|naked|undress\w*|drunk|drink\w*|starv\w*|eat\w*|weight|gave away"
    r"|gave|giving|rehom\w*|affairs|in order|sorted|will|wont be|needing|for after|do it|doing it|date|picked"
    r"|spot|railway|train\w*|river|sea|car|garage|woke|disappoint\w*|injur\w*|deliberate\w*|strangl\w*"
    r"|stab\w*|shoot\w*|choke\w*|smash\w*|imagin\w*|for real|video|explain\w*|medication|antidepressants?"
    r"|paracetamol|insulin|sleeping|enough|longer|hold on|keep going|better|grey|gray|matters?"
    r"|plasters?|bandages?|sleeves|hid\w*|afterwards|scars?|bruises?)\b"
)
# Harm, method, hopelessness and concealment words that make a grey-zone line worth a check-in without "i" or "me":
# method questions ("what is the quickest way to die") and bleak statements ("nothing matters anymore").
_STRONG = re.compile(
    r"\b(?:die|dying|dead|deadly|death|kill\w*|suicid\w*|overdos\w*|poison\w*|drown\w*|hang\w*|noose|painless"
    r"|stop breathing|cut\w*|bleed\w*|lethal|fatal|too much|too many|anymore|nothing matters|no point"
    r"|pointless|hopeless|worthless|hold on|keep going|falling apart|getting better|cant go on|give up"
    r"|end it|end things|goodbye|mix\w*|jump\w*|abus\w*|rape\w*|hurt\w*|harm\w*"
    r"|marks|scars?|bruises?|plasters|bandages|nobody (?:sees|knows|notices|finds)"
    r"|keep doing this|any of it|really really bad|bad day|(?:done|over|it ends) tonight)\b"
)
_FEELING_ONLY = re.compile(
    r"\b(?:sad\w*|depress\w*|anxi\w*|panic\w*|hopeless\w*|worthless|pointless|empty|numb|alone|lonely"
    r"|miserable|awful|terrible|broken|cope|coping|struggl\w*|suffer\w*|hurt\w*|cry\w*|scared|afraid|terrified"
    r"|frighten\w*|hate myself|die|dying|dead|kill\w*|end it|gone|disappear\w*|cant go on|give up|giving up"
    r"|no point|better off|burden|sick|worse)\b"
)


def has_excess(normalised: str) -> bool:
    """True when a text about taking something says how much, why, what harm, or with what."""
    return _EXCESS.search(normalised) is not None


def self_distress(normalised: str) -> bool:
    """True when the player says something that hurts about themselves (first person and a distress word).

    "me" as the recipient of a request ("give me", "tell me") does not count as first person."""
    about_self = _SELF.search(_REQUEST.sub(" ", normalised)) is not None
    return about_self and _DISTRESS.search(normalised) is not None


def worth_checking(normalised: str) -> bool:
    """True when a grey-zone line may be about the player: anything but a bare request to the game.

    Why so loose (round 6): requiring distress words about oneself cost a quarter of the fresh writers'
    check-ins ("does it ever get better or is this just it forever"); a check-in is one gentle question,
    a miss is not. A request ("give me the key", "tell me a hint") is the one thing that is about the game."""
    if _STRONG.search(normalised) is not None or self_distress(normalised):
        return True
    return _REQUEST.search(normalised) is None or _SELF.search(_REQUEST.sub(" ", normalised)) is not None


def gate(normalised: str, result: SemanticResult) -> SemanticResult:
    """The semantic result with its tier lowered where the text lacks the cue its tier needs.

    `normalised` is the whole input (or joined window) the scored unit came from: a clause alone may
    lack a cue its sentence has ("i wrote letters for my mum, theyre in my drawer for after")."""
    if result.tier == "none":
        return result
    if result.category in INGESTED:
        if has_excess(normalised):
            return result  # excess or harm is the content a check-in needs, too
        # Taking medicine is ordinary: without excess it is at most a check-in, and only with distress.
        feeling = self_distress(normalised) and _FEELING_ONLY.search(normalised) is not None
        return replace(result, tier="check-in" if feeling else "none")
    if result.tier == "check-in" and not worth_checking(normalised):
        return replace(result, tier="none")
    return result
