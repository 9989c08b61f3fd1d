"""While the story is paused for safety: the player's three options, and the grounding exercise."""

from __future__ import annotations

from collections.abc import Iterator

from engine.safety import GROUNDING_STEPS, CrisisResponse
from engine.turn.events import CrisisShown, SystemText, TurnDone, TurnEvent

_KEEP = {"1", "keep", "keep playing", "continue", "play", "resume", "back"}
_GROUND = {"2", "grounding", "ground", "exercise", "try a grounding exercise", "breathe"}
_QUIT = {"3", "quit", "quit for now", "exit", "stop", "q"}


class CrisisFlow:
    """Holds the paused state; every input goes here (after the safety check) until the player chooses."""

    def __init__(self, response: CrisisResponse) -> None:
        self.response = response
        self._step: int | None = None

    def options_text(self) -> str:
        """The options, numbered, for line mode."""
        return "\n".join(f"  {i}. {option}" for i, option in enumerate(self.response.options, start=1))

    def handle(self, text: str) -> tuple[list[TurnEvent], bool]:
        """Events for this input, and whether the story resumes."""
        answer = text.strip().lower().rstrip(".!")
        if self._step is not None:
            return self._ground(answer)
        if answer in _QUIT:
            return [SystemText("Take good care of yourself. Your game is saved; it will be here when you "
                               "come back.", "info"), TurnDone(None, False, quit=True)], False
        if answer in _GROUND:
            self._step = 0
            return self._ground("")
        if answer in _KEEP:
            return [SystemText("Welcome back. Take it at your own pace.", "info")], True
        return [SystemText("Whenever you're ready, choose one:\n" + self.options_text(), "info"),
                TurnDone(None, False)], False

    def _ground(self, answer: str) -> tuple[list[TurnEvent], bool]:
        assert self._step is not None
        if answer in {"stop", "skip", "done"} or self._step >= len(GROUNDING_STEPS):
            self._step = None
            return [SystemText("Thank you for taking that time. When you're ready, choose one:\n"
                               + self.options_text(), "info"), TurnDone(None, False)], False
        step = GROUNDING_STEPS[self._step]
        self._step += 1
        hint = "(press Enter for the next step, or type stop)"
        return [SystemText(f"{step}\n{hint}", "beat"), TurnDone(None, False)], False


def crisis_events(response: CrisisResponse, flow: CrisisFlow) -> Iterator[TurnEvent]:
    """The events that show the pre-written response."""
    yield CrisisShown(
        level=response.level,  # type: ignore[arg-type]
        message=response.message,
        resources=[(r.name, r.contact, r.note) for r in response.resources],
        options=list(response.options),
    )
    yield TurnDone(None, False)
