"""The narration step: an outcome's title and ways on as authored, its prose retold by a model if there is one."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Iterator, Sequence

from engine.core.game import Game, Outcome
from engine.story.model import Story
from engine.tasks import TaskType
from engine.turn.config import TurnConfig
from engine.turn.events import NarrationDelta, NarrationDone, NarrationStart, SystemText, TurnEvent
from engine.turn.grounding_check import GroundingCheck
from engine.turn.narrate import Narration, Narrator
from engine.turn.narration_gate import left_out, present_for
from engine.turn.records import TurnRecord
from engine.turn.scene_text import SplitText, here_lines, split_outcome
from engine.turn.story_words import grounding_for


def authored(text: str, record: TurnRecord, started: float) -> Iterator[TurnEvent]:
    """Show authored text as it is, and note it in the record."""
    yield NarrationStart(None)
    yield NarrationDone(text, "authored")
    record.narration = text
    record.timings["first_text_s"] = time.perf_counter() - started


class NarrationStep:
    """Tells an outcome; with a narrator, it retells the prose and writes what it did into the turn's record."""

    def __init__(self, narrator: Narrator | None, config: TurnConfig) -> None:
        self._narrator = narrator
        self._config = config
        self._grounding: tuple[Story, GroundingCheck] | None = None

    def outcome(self, game: Game, text: str, outcome: Outcome, record: TurnRecord, turns: Sequence[TurnRecord],
                stop: threading.Event, started: float) -> Iterator[TurnEvent]:
        """The title and ways on shown as authored (a retelling must never lose them); the prose in between."""
        told = outcome.text.replace(outcome.beat.prompt, "").strip() if outcome.beat else outcome.text
        # Who and what is here stays in the author's words when a model retells the rest (it cannot drop them).
        fixed = here_lines(game) if self._narrator is not None else []
        parts = split_outcome(told, game.story.scenes[game.state.scene].title, fixed)
        if not parts.prose:
            yield from authored(outcome.text, record, started)
            return
        if parts.title:
            yield SystemText(parts.title, "info")
        if self._narrator is None:
            yield from authored(parts.prose, record, started)
        else:
            yield from self._retell(self._narrator, game, text, told, parts, outcome.scene_changed, turns,
                                    record, stop, started)
        if parts.structure:
            yield SystemText(parts.structure, "info")

    def _retell(self, narrator: Narrator, game: Game, text: str, told: str, parts: SplitText, entered: bool,
                turns: Sequence[TurnRecord], record: TurnRecord, stop: threading.Event,
                started: float) -> Iterator[TurnEvent]:
        """Stream the narration's events; fill in the record's narration, models, prompt and timings."""
        facts = game.facts()
        present = present_for(game, told)
        history = self._config.history_turns
        recent = [t.narration for t in turns[-history:]] if history else []
        first_text: list[float] = []
        # What the authored structure shows anyway ("Ilse sits by the stove...") need not be retold.
        must = [f for f in facts.must_mention if left_out(parts.structure, [f])] if entered else []
        narration = yield from _timed(
            narrator.narrate(facts, text, parts.prose, present, recent, stop, self._grounding_for(game),
                             must_mention=must, entered=entered),
            started, first_text)
        record.narration, record.narration_source = narration.text, narration.source
        record.models.append(narration.used)
        record.prompts[TaskType.NARRATIVE_GENERATION.value] = narration.prompt
        record.timings["first_text_s"] = first_text[0] if first_text else 0.0
        if narration.first_token_at is not None:
            record.timings["first_token_s"] = narration.first_token_at - started
        yield narration.used

    def _grounding_for(self, game: Game) -> GroundingCheck:
        """The story's names, computed once per story (a reload brings a new one)."""
        if self._grounding is None or self._grounding[0] is not game.story:
            self._grounding = (game.story, grounding_for(game))
        return self._grounding[1]


def _timed(events: Generator[TurnEvent, None, Narration], started: float,
           first_text: list[float]) -> Generator[TurnEvent, None, Narration]:
    """Pass narration events through, noting when the first narrated text appeared."""
    while True:
        try:
            event = next(events)
        except StopIteration as stop:
            narration: Narration = stop.value
            return narration
        if not first_text and isinstance(event, NarrationDelta | NarrationDone):
            first_text.append(time.perf_counter() - started)
        yield event
