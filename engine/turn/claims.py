"""What a retelling may not claim: a change the outcome did not make, or a way on the scene does not have."""

from __future__ import annotations

import re
from collections.abc import Mapping

from engine.turn.faithfulness import content_words

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
# Verbs of change. A retelling of "You open the gate." may say the gate opens; a retelling of a look may not.
_CHANGE = re.compile(
    r"\b(?:you\s+(?:\w+\s+)?)?(take|took|grab|grabbed|pick(?:s|ed)?\s+(?:\w+\s+)?up|pocket(?:s|ed)?|unlock(?:s|ed)?"
    r"|unlatch(?:es|ed)?|open(?:s|ed)|push(?:es|ed)?|pull(?:s|ed)?|lift(?:s|ed)?|ring(?:s)?|rang|gives? you"
    r"|hands? you|drop(?:s|ped)?|pour(?:s|ed)?|smash(?:es|ed)?|break(?:s)?|broke|board(?:s|ed)?|climb(?:s|ed)?"
    r"|enter(?:s|ed)?|cast(?:s)? off|swings? open|springs? open|(?:step|walk|go|head|move)(?:s|ed|ped)?\s+"
    r"(?:into|onto|inside|through|in|out|aboard))\b",
    re.I,
)
# A second-person verb of change ("you open", "you light") also counts when the verb is short and common.
_YOU_CHANGE = re.compile(r"\byou\s+(open|close|shut|light|fill|put|place|give|leave|ring)\b", re.I)
_COMPASS = ("north", "south", "east", "west")
_CLAUSE = re.compile(r"[,;:]|\band\b|\bwhile\b|\bthen\b")


def claimed_change(sentence: str, authored: str) -> str | None:
    """The verb of change the sentence claims although the authored outcome does not, else None."""
    plain = _QUOTED.sub(" ", sentence)
    said = set(content_words(authored)) | set(authored.lower().split())
    told = authored.lower()
    for pattern in (_CHANGE, _YOU_CHANGE):
        for match in pattern.finditer(plain):
            verb = match.group(1).lower()
            head = verb.split()[0][:4]
            if match.group(0).lower().startswith("you"):
                # The player's own deed: only the outcome's "you ... <verb>" licenses it ("a path climbs" does not).
                if not re.search(rf"\byou\s+(?:\w+\s+)?{re.escape(head)}", told):
                    return verb
            elif not set(content_words(verb)) & said and verb.split()[0] not in said:
                return verb
    return None


def wrong_way(sentence: str, exits: Mapping[str, str], authored: str) -> str | None:
    """A compass way on the scene does not have, or a place put the wrong way; None when the ways agree."""
    told = authored.lower()
    for clause in _CLAUSE.split(sentence.lower()):
        words = set(re.findall(r"[a-z]+", clause))
        for direction in _COMPASS:
            if direction not in words:
                continue
            if direction not in exits and not re.search(rf"\b{direction}\b", told):
                return f"no way {direction} from here"
            for other, title in exits.items():
                place = set(content_words(title)) - set(content_words(exits.get(direction, "")))
                if other != direction and place and place <= set(content_words(clause)):
                    return f"{title} is not {direction}"
    return None
