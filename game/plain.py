"""Line-mode front end: renders turn events to a text stream, for scripts, pipes and screen readers."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from engine.safety.rendering import sanitize_text, wrap_plain
from engine.turn.crisis_flow import GROUNDING_HINT
from engine.turn.events import (
    CrisisOption,
    CrisisShown,
    Echo,
    GroundingDone,
    GroundingStep,
    ModelUsed,
    NarrationDelta,
    NarrationDone,
    NarrationStart,
    SystemText,
    TurnDone,
    TurnEvent,
)
from engine.turn.pipeline import TurnPipeline

RETRACTION = "(Withdrawn: the lines above were not true to the story. The story says:)"
"""Printed when streamed narration is withdrawn after it was shown (the narrator holds text to avoid this)."""


class PlainRenderer:
    """Writes events as plain text; streamed narration appears as it passes the gate, sentence by sentence."""

    def __init__(self, out: TextIO, *, verbose: bool = False, echo: bool = False, width: int = 78) -> None:
        self._out = out
        self._verbose = verbose
        self._echo = echo
        self._width = width
        self._streamed = False

    def render(self, events: Iterable[TurnEvent]) -> TurnDone | None:
        """Write every event; return the closing TurnDone."""
        done: TurnDone | None = None
        for event in events:
            self._one(event)
            if isinstance(event, TurnDone):
                done = event
        self._out.flush()
        return done

    def _one(self, event: TurnEvent) -> None:
        match event:
            case Echo(text=text) if self._echo:
                self._write(f"> {text}")
            case NarrationStart():
                self._streamed = False
            case NarrationDelta(delta=delta):
                self._out.write(sanitize_text(delta))
                self._out.flush()
                self._streamed = True
            case NarrationDone(text=text, replaced=replaced, reason=reason):
                if self._streamed:
                    self._out.write("\n")
                if replaced:
                    if self._verbose:
                        self._write(f"[narration withdrawn: {reason}]")
                    if self._streamed:
                        # A line printed cannot be taken back: say plainly that it no longer stands.
                        self._write(RETRACTION)
                    self._write(text)
                else:
                    if self._verbose and reason:  # why the model's text stopped, or was not used at all
                        self._write(f"[narration {'stopped' if self._streamed else 'not used'}: {reason}]")
                    if not self._streamed:
                        self._write(text)
                self._out.write("\n")
            case SystemText(text=text):
                self._write(text)
                self._out.write("\n")
            case CrisisShown():
                self._crisis(event)
            case GroundingStep(text=text):
                self._write(f"{text}\n{GROUNDING_HINT}")
                self._out.write("\n")
            case GroundingDone(text=text, options=options):
                self._write(text)
                self._options(options)
            case ModelUsed(task=task, model=model, ttft_s=ttft, tokens_per_s=tps, outcome=outcome) \
                    if self._verbose:
                speed = f", ttft {ttft:.2f}s, {tps:.1f} tok/s" if ttft is not None and tps else ""
                self._write(f"[{task}: {model or 'rules'} {outcome}{speed}]")
            case _:
                pass

    def _crisis(self, event: CrisisShown) -> None:
        if event.emergency:  # imminent: the emergency line comes first, set apart
            self._write(f"!! {event.emergency.upper()} !!")
            self._out.write("\n")
        self._write(event.message)
        self._out.write("\n")
        for name, contact, note in event.resources:
            self._write(f"  • {name}: {contact}" + (f" — {note}" if note else ""))
        self._out.write("\n")
        self._options(event.options)

    def _options(self, options: list[CrisisOption]) -> None:
        for number, option in enumerate(options, start=1):
            self._write(f"  {number}. {option.label}")
        self._out.write("\n")

    def _write(self, text: str) -> None:
        # Authored text is sanitised here too (validate rejects escapes, but a terminal must never get one),
        # and wrapped in linear time.
        self._out.write(wrap_plain(text, self._width) + "\n")


def play_lines(pipeline: TurnPipeline, lines: Iterator[str], renderer: PlainRenderer,
               prompt: str = "> ", out: TextIO = sys.stdout, interactive: bool = False) -> None:
    """The host loop: opening, then one turn per line until quit, the end of input, or an ending."""
    renderer.render(pipeline.opening())
    try:
        while True:
            if interactive:
                out.write(prompt)
                out.flush()
            line = next(lines, None)
            if line is None:
                break
            done = renderer.render(pipeline.run(line.rstrip("\n")))
            if done is not None and done.quit:
                return
    finally:
        pipeline.close()
