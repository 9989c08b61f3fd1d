"""The safety step, first in every turn: a crisis pauses the story until the player chooses a way on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from engine.safety import CrisisDetector, SafetyConfig, SafetyFlags, crisis_response, sanitize_text
from engine.safety.context import CrisisContext
from engine.turn.crisis_flow import CrisisFlow, crisis_shown
from engine.turn.events import TurnDone, TurnEvent


@dataclass
class Held:
    """Safety holds this input: show `events`; with `resume`, the story goes on afterwards."""

    events: Iterator[TurnEvent]
    resume: bool = False


class SafetyStep:
    """Classifies every input before anything else; nothing of a crisis exchange reaches a model or the log."""

    def __init__(self, detector: CrisisDetector, config: SafetyConfig, flags: SafetyFlags | None = None) -> None:
        self._detector = detector
        self._config = config
        self.flags = flags
        """Where a crisis is remembered for the next start (None: not remembered, e.g. story tests)."""
        self._paused: CrisisFlow | None = None
        self._context = CrisisContext(config.context_turns)
        """This session's last few inputs, in memory only, so a statement split across inputs is caught."""

    def clean(self, text: str) -> str:
        """The input with control characters removed and its length bounded."""
        return sanitize_text(text, self._config.max_input_chars)

    def screen(self, text: str, aside: bool = False) -> Held | None:
        """None when the story may go on with `text`; else what to show instead.

        `aside`: text typed outside the command line (the note dialog); held only when the detector fires.
        """
        classification = self._detector.classify(text, context=self._context)
        if classification.level != "none":
            response = crisis_response(classification, self._config)
            self._paused = CrisisFlow(response)
            return Held(self._crisis(self._paused, classification.level))
        if self._paused is None or aside:
            return None
        events, resume = self._paused.handle(text)
        if resume:
            self._paused = None
        return Held(iter(events), resume)

    def _crisis(self, flow: CrisisFlow, level: str) -> Iterator[TurnEvent]:
        yield crisis_shown(flow.response, flow)
        # The response is on screen first; the flag never depends on the disk (kept in memory and retried
        # when a write fails), so nothing here can hold the response back.
        if self.flags is not None:
            self.flags.record_crisis(level)
        yield TurnDone(None, False)
