"""In-world replies to off-script input: a gated model reply, else the story's own lines, never a change."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from engine.core.game import Game
from engine.inference.base import Backend, GenerationRequest, Response
from engine.inference.config import GenParams
from engine.safety import OutputGuard, sanitize_text
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.events import ModelUsed
from engine.turn.faithfulness import content_words
from engine.turn.model_step import BackendProvider
from engine.turn.reply_gate import ReplyGate, first_sentences, gated_step, literal_lines
from engine.turn.step_prompts import reply_messages, reply_prompt
from engine.turn.story_words import aliases_here, grounding_for

Source = Literal["engine", "model", "ambient", "default", "topic", "rephrase"]


@dataclass
class Reply:
    """What the player is told for a line that is not an action; it never changes the state."""

    text: str
    source: Source
    """engine: the game's own answer; model: improvised; ambient/default: the story's lines; rephrase: none fit."""
    task: TaskType = TaskType.IN_WORLD_REPLY
    model: str | None = None
    used: list[ModelUsed] = field(default_factory=list)
    reason: str | None = None
    """Why a model's reply was withdrawn, when it was."""

    @property
    def in_world(self) -> bool:
        """True unless the player was asked to rephrase."""
        return self.source != "rephrase"

    @property
    def improvised(self) -> bool:
        """Written by a model this turn (marked as such in the transcript and the model panel)."""
        return self.source == "model"


def relevance(text: str, line: str) -> int:
    """Content words the player's text and a line share (lightly stemmed)."""
    return len(set(content_words(text)) & set(content_words(line)))


class StoryLines:
    """Picks the story's own in-world line for off-script input: the most relevant, not the one just said."""

    def __init__(self, memory: int = 3) -> None:
        self._recent: deque[str] = deque(maxlen=memory)
        self._turn = 0

    def pick(self, text: str, game: Game) -> Reply | None:
        """A scene `ambient` line or a story `default_replies` line, by shared words, then in turn."""
        scene = game.story.scenes[game.state.scene]
        pool = [(line, "ambient") for line in scene.ambient]
        pool += [(line, "default") for line in game.story.default_replies]
        if not pool:
            return None
        self._turn += 1
        fresh = [(line, source) for line, source in pool if line not in self._recent] or pool

        def score(entry: tuple[str, str]) -> tuple[int, int, int]:
            line, source = entry
            # Relevance first; with none, this scene's own lines before story-wide ones; then take turns.
            return relevance(text, line), source == "ambient", -((pool.index(entry) - self._turn) % len(pool))

        line, source = max(fresh, key=score)
        self._recent.append(line)
        return Reply(" ".join(line.split()), "ambient" if source == "ambient" else "default",
                     used=[ModelUsed(task=TaskType.IN_WORLD_REPLY, model=None,
                                     explanation=f"the story's own {source} line (no model reply passed)")])


def things_in_reach(game: Game) -> list[str]:
    """Names of what the player can see or carries, and the ways on."""
    facts = game.facts()
    return [*facts.items, *facts.npcs, *facts.inventory]


def present_words(game: Game) -> tuple[str, ...]:
    """What an improvised reply may name: the scene, what is in reach, the ways on, and their words."""
    facts = game.facts()
    return literal_lines([*things_in_reach(game), *facts.exits.values(), facts.title, facts.description,
                          *aliases_here(game)])


ModelSteps = tuple[Selector, BackendProvider, OutputGuard]
"""What a model reply needs: the selector, the backends, and the output guard."""


class Improviser:
    """Asks the selected model for a short in-world reply, gated; falls back to the story's lines."""

    def __init__(self, steps: ModelSteps | None, *, timeout_s: float = 20.0, enabled: bool = True) -> None:
        self._steps = steps
        self._timeout_s = timeout_s
        self._enabled = enabled and steps is not None
        self.lines = StoryLines()

    def reply(self, text: str, game: Game, suggestions: Sequence[str] = ()) -> Reply:
        """A model reply that passes the gate, else the story's line, else the rephrase with suggestions."""
        used: list[ModelUsed] = []
        reason: str | None = None
        if self._enabled:
            improvised, used, reason = self._model(text, game)
            if improvised is not None:
                return improvised
        fallback = self.lines.pick(text, game)
        if fallback is not None:
            fallback.used = [*used, *fallback.used]
            fallback.reason = reason
            return fallback
        message = "I'm not sure what you mean."
        if suggestions:
            message += " You could try: " + "; ".join(suggestions) + "."
        return Reply(message, "rephrase", used=used, reason=reason)

    def _model(self, text: str, game: Game) -> tuple[Reply | None, list[ModelUsed], str | None]:
        assert self._steps is not None
        selector, backends, guard = self._steps
        facts = game.facts()
        gate = ReplyGate(guard, grounding_for(game), present_words(game))
        task = TaskType.IN_WORLD_REPLY

        def call(backend: Backend, params: GenParams) -> Response:
            # Chat models get the messages, a base model the plain prompt (the backend decides).
            request = GenerationRequest(
                messages=reply_messages(facts, text, things_in_reach(game)), prompt=reply_prompt(facts, text),
                params=params, timeout_s=self._timeout_s, task=task)
            return backend.generate(request)

        step, reason = gated_step(gate, selector, backends, task, call,
                                  lambda text: first_sentences(sanitize_text(text)))
        if step.response is None:
            return None, step.used, reason
        reply = first_sentences(sanitize_text(step.response.text))
        return Reply(reply, "model", model=step.model, used=step.used), step.used, None
