"""The gate for improvised replies: guard, grounding, second person, short, no claimed change, known facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from engine.inference.base import Response
from engine.safety import OutputGuard
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.faithfulness import Faithfulness
from engine.turn.grounding_check import GroundingCheck
from engine.turn.model_step import BackendProvider, Call, StepOutcome, run_step
from engine.turn.tense import tense_drift

_SENTENCE = re.compile(r"[^.!?…]+[.!?…]+[\"'”’)]*")
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|mine|myself|we|our|us)\b")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_DIRECTIONS = r"(?:north|south|east|west|up|down|in|inside|out|outside|away|back|home|through|into|onto|across)"
# Claims that something in the world changed: taking, opening, going, giving... only the engine does that.
_CHANGE = re.compile(
    r"\b(?:you|you now|now you)\s+(?:(?:have|now have|got|get|take|took|grab|grabbed|pick(?:s|ed)?(?: it)? up|pocket"
    r"|pocketed|collect|collected|find|found|receive|received|open|opened|unlock|unlocked|unlatch|close|closed"
    r"|give|gave|hand|handed|drop|dropped|put|place|placed|throw|threw|light|lit|fill|filled|pour|poured"
    r"|break|broke|smash|smashed|enter|entered|leave|left|board|boarded|arrive|arrived|climb|climbed"
    rf"|reach|reached)\b|(?:go|went|walk|walked|head|headed|step|stepped|run|ran|move|moved)\s+{_DIRECTIONS}\b)"
    r"|\b(?:is|are|swings?|springs?|comes?|falls?) (?:now )?(?:open|unlocked|unlatched|lit|broken)\b"
    r"|\b(?:opens|unlocks|unlatches|gives you|hands you|now yours|in your (?:hand|pocket|bag)s?)\b",
    re.I,
)
# Brackets, braces, tags, headings and emphasis: a spoken or narrated reply never needs them, and small models
# emit them when they drift into another language, a template or a chat transcript.
_MARKUP = re.compile(r"[\[\]{}<>#*_`|\\]")
MAX_WORDS = 60
# Words from outside the fiction: a reply that talks about the game, the player or itself breaks the world it is
# meant to keep ("The game is set on a stone wall"); allowed only where the scene itself names them.
_OUTSIDE = re.compile(r"\b(?:game|games|gameplay|player|players|story|stories|narrator|narration|text adventure|"
                      r"assistant|chatbot|ai|language model|prompt|user|level|quest|npc)\b", re.I)
_EVERYDAY = frozenset({"game", "games", "story", "stories", "level", "quest", "user"})


@dataclass(frozen=True)
class ReplyGate:
    """Judges a whole improvised reply; `knowledge` (a character's facts) bounds what may be stated."""

    guard: OutputGuard
    grounding: GroundingCheck
    present: tuple[str, ...]
    knowledge: Faithfulness | None = None
    speaker: bool = False
    """A character speaks (quotes and first person inside quotes are fine); else the world's narrator."""

    def problem(self, text: str) -> tuple[str, str] | None:
        """(failure kind, reason) when the reply must not be shown, else None."""
        guard = self.guard.check(text)
        if not guard.ok:
            return "guard", f"output guard: {guard.reason}"
        if not text.strip():
            return "invalid", "empty"
        if len(text.split()) > MAX_WORDS:
            return "invalid", "too long"
        if _MARKUP.search(text):
            return "invalid", "markup or template text"
        scene = " ".join(self.present).lower()
        # A character may tell a story or play a game; only the narrator never names them.
        everyday = _EVERYDAY if self.speaker else frozenset()
        said = (m.group(0).lower() for m in _OUTSIDE.finditer(text))
        outside = [w for w in said if w not in scene and w not in everyday]
        if outside:
            return "invalid", f"speaks from outside the world: {outside[0]}"
        narration = _QUOTED.sub(" ", text).lower().replace("’", "'")
        if not self.speaker and _FIRST_PERSON.search(narration):
            return "invalid", "speaks in the first person"
        if not self.speaker and not re.search(r"\byou(r|rs|rself)?\b", narration):
            return "invalid", "not in the second person"
        past = None if self.speaker else tense_drift(narration)
        if past:
            return "invalid", f"slips into the past tense: {past}"
        if _CHANGE.search(narration if not self.speaker else text):
            return "invalid", "claims a change in the world"
        grounded = self.grounding.check(text, self.present)
        if not grounded.ok:
            return "invalid", "named what is not here: " + ", ".join(grounded.absent)
        if self.knowledge is not None:
            for sentence in sentences(text):
                unknown = self.knowledge.problem(sentence)
                if unknown:
                    return "invalid", "states what the character does not know: " + unknown
        return None


def sentences(text: str) -> list[str]:
    """Complete sentences of `text`, in order (an unfinished tail is dropped)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def first_sentences(text: str, count: int = 2) -> str:
    """The first `count` complete sentences; a model's trailing fragment or third sentence is cut."""
    return " ".join(sentences(" ".join(text.split()))[:count])


def literal_lines(lines: Sequence[str]) -> tuple[str, ...]:
    """Lines stripped and de-duplicated, for gates' `present` lists."""
    return tuple(dict.fromkeys(line.strip() for line in lines if line and line.strip()))


def gated_step(gate: ReplyGate, selector: Selector, backends: BackendProvider, task: TaskType, call: Call,
               shown: Callable[[str], str]) -> tuple[StepOutcome, str | None]:
    """Run a reply step whose output is judged by `gate` on the text the player would see (`shown`); also the
    last reason a reply was withdrawn (for `-v` and F2), None when none was."""
    reasons: list[str] = []

    def judge(response: Response) -> str | None:
        verdict = gate.problem(shown(response.text))
        if verdict is not None:
            reasons.append(verdict[1])
            return verdict[0]
        return None

    step = run_step(selector, backends, task, call, judge)
    return step, reasons[-1] if reasons else None
