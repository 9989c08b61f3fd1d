"""While the story is paused for safety: the player's three options, and the one grounding exercise."""

from __future__ import annotations

import re

from engine.safety import GROUNDING_STEPS, CrisisResponse
from engine.safety.response import GROUNDING, KEEP_PLAYING, QUIT
from engine.turn.events import (
    CrisisOption,
    CrisisOptionId,
    CrisisShown,
    GroundingDone,
    GroundingStep,
    SystemText,
    TurnDone,
    TurnEvent,
)

_OPTION_IDS: dict[str, CrisisOptionId] = {KEEP_PLAYING: "keep_playing", GROUNDING: "grounding", QUIT: "quit"}
"""The safety layer's options by their constants (an unknown option fails here, loudly)."""
# Typed words per option; the ids are among them, so a front end's button sends its option's id.
_WORDS: dict[CrisisOptionId, frozenset[str]] = {
    "keep_playing": frozenset({"1", "keep_playing", "keep", "keep playing", "continue", "play", "resume", "back"}),
    "grounding": frozenset({"2", "grounding", "ground", "exercise", "try a grounding exercise", "breathe"}),
    "quit": frozenset({"3", "quit", "quit for now", "exit", "stop", "q", "bye"}),
}
_END_EXERCISE = frozenset({"stop", "skip", "done"})
# Answers to the check-in's own question ("…about you, not the story — is it?"). Saying it was the story resumes
# at any tier (every response says that is fine); a bare "no" resumes only the check-in, where it answers the
# question asked; a "yes" is thanked and the options stay.
_STORY_ONLY = re.compile(r"\b(?:(?:it was|it's|its|that was|that's|thats|just|only) (?:(?:about|in|part of|for) )?"
                         r"(?:the|my) (?:story|game|character)|part of the (?:story|game)|in the (?:story|game)"
                         r"|(?:about|for) (?:the|my) character|role ?play(?:ing)?)\b")
_NO = re.compile(r"^(?:no+|nope|nah|not really|not me|i'?m (?:ok|okay|fine|alright)|all good"
                 r"|(?:no+|nope|nah),? (?:i'?m (?:ok|okay|fine|alright|good)|it'?s (?:ok|okay|fine|all right)"
                 r"|thanks|thank you|all good)\b.*)$")
_YES = re.compile(r"^(?:yes|yeah|yep|yea|ya|it is|kind of|kinda|sort of|a bit|a little|maybe|i think so|"
                  r"(?:yes|yeah|yep),? .*)$")
GROUNDING_HINT = "(press Enter for the next step, or type stop)"


def crisis_options(response: CrisisResponse) -> list[CrisisOption]:
    """The response's options, each with its id."""
    return [CrisisOption(_OPTION_IDS[label], label) for label in response.options]


class CrisisFlow:
    """Holds the paused state; every input goes here (after the safety check) until the player chooses."""

    def __init__(self, response: CrisisResponse) -> None:
        self.response = response
        self.options = crisis_options(response)
        self._step: int | None = None
        """Index of the next grounding step while the exercise runs; None otherwise."""

    def options_text(self) -> str:
        """The options, numbered, for line mode."""
        return "\n".join(f"  {i}. {option.label}" for i, option in enumerate(self.options, start=1))

    def handle(self, text: str) -> tuple[list[TurnEvent], bool]:
        """Events for this input, and whether the story resumes."""
        answer = text.strip().lower().rstrip(".!")
        if self._step is not None and answer in _END_EXERCISE:
            return self._end_exercise(), False
        if answer in _WORDS["quit"]:
            # Whether the game is saved is said by the pipeline once it has saved (never claimed beforehand).
            return [SystemText("Take good care of yourself.", "info"), TurnDone(None, False, quit=True)], False
        if answer in _WORDS["keep_playing"]:
            self._step = None
            return [SystemText("Welcome back. Take it at your own pace.", "info")], True
        if self._step is None and (_STORY_ONLY.search(answer)
                                   or (self.response.level == "check-in" and _NO.match(answer))):
            return [SystemText("Thanks for saying. Back to the story — take it at your own pace.", "info")], True
        if self._step is None and _YES.match(answer):
            return [SystemText("Thank you for telling me. You don't have to carry this alone: the people listed "
                               "above are there for exactly this. When you're ready, choose one:\n"
                               + self.options_text(), "info"), TurnDone(None, False)], False
        if self._step is None and answer in _WORDS["grounding"]:
            self._step = 0
        if self._step is not None:
            return self._ground(), False
        return [SystemText("Whenever you're ready, choose one:\n" + self.options_text(), "info"),
                TurnDone(None, False)], False

    def _ground(self) -> list[TurnEvent]:
        assert self._step is not None
        if self._step >= len(GROUNDING_STEPS):
            return self._end_exercise()
        step = GroundingStep(self._step + 1, len(GROUNDING_STEPS), GROUNDING_STEPS[self._step])
        self._step += 1
        return [step, TurnDone(None, False)]

    def _end_exercise(self) -> list[TurnEvent]:
        self._step = None
        return [GroundingDone("Thank you for taking that time. When you're ready, choose one:", self.options),
                TurnDone(None, False)]


def crisis_shown(response: CrisisResponse, flow: CrisisFlow) -> CrisisShown:
    """The event that shows the pre-written response."""
    return CrisisShown(
        level=response.level,
        emergency=response.emergency,
        message=response.message,
        resources=[(r.name, r.contact, r.note) for r in response.resources],
        options=flow.options,
    )
