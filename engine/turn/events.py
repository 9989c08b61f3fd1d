"""Typed events a turn emits, in order; front ends (plain line mode, Textual) only render them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from engine.tasks import TaskType


@dataclass(frozen=True)
class Echo:
    """The player's input, sanitized, as it will be shown."""

    text: str


CrisisOptionId = Literal["keep_playing", "grounding", "quit"]


@dataclass(frozen=True)
class CrisisOption:
    """One way forward from the crisis pause; front ends send back the `id`, never the label."""

    id: CrisisOptionId
    label: str


@dataclass(frozen=True)
class CrisisShown:
    """Safety took over: the story is paused and the pre-written response is shown; nothing else ran."""

    level: Literal["imminent", "crisis", "check-in"]
    message: str
    resources: list[tuple[str, str, str]]
    """(name, contact, note) triples from settings."""
    options: list[CrisisOption]
    emergency: str = ""
    """Imminent only: the emergency-number line, shown first and most prominently."""


@dataclass(frozen=True)
class GroundingStep:
    """One step of the grounding exercise while the story is paused (`step` counts from 1)."""

    step: int
    total: int
    text: str


@dataclass(frozen=True)
class GroundingDone:
    """The grounding exercise ended (finished or stopped); the options are offered again."""

    text: str
    options: list[CrisisOption]


@dataclass(frozen=True)
class SystemText:
    """Text from the game itself (meta commands, parser questions, errors); never from a model."""

    text: str
    kind: Literal["meta", "question", "rephrase", "error", "info", "beat"] = "info"


@dataclass(frozen=True)
class ModelUsed:
    """Which model served a task this turn, and why (for the model panel)."""

    task: TaskType
    model: str | None
    """None means the rules (no model)."""
    explanation: str
    ttft_s: float | None = None
    tokens_per_s: float | None = None
    outcome: str = "ok"


@dataclass(frozen=True)
class NarrationStart:
    """Narration begins; `model` is None when authored text is shown as is."""

    model: str | None


@dataclass(frozen=True)
class NarrationDelta:
    """A piece of streamed narration; `text_so_far` lets a coalescing consumer drop stale deltas."""

    delta: str
    text_so_far: str


@dataclass(frozen=True)
class NarrationDone:
    """The final narration; `replaced` means the streamed text was withdrawn for the authored text."""

    text: str
    source: Literal["model", "authored"]
    replaced: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class SceneView:
    """What the side panel shows, built on the turn's thread so the UI never reads live state."""

    title: str
    exits: tuple[tuple[str, str], ...]
    """(direction, destination title) pairs."""
    inventory: tuple[str, ...]
    moods: tuple[str, ...]
    """The latest mood check-ins, e.g. "The Kitchen: 4/5"."""


@dataclass(frozen=True)
class StateChanged:
    """The engine state changed (scene, inventory, vars...); `view` is the new state, ready to show."""

    scene_changed: bool
    view: SceneView


@dataclass(frozen=True)
class TurnDone:
    """The turn is complete; `turn_id` is what a rating attaches to."""

    turn_id: str | None
    advanced: bool
    """False for meta commands and illegal actions, which do not advance the story."""
    ended: str | None = None
    """The ending's title, when the story ended this turn."""
    quit: bool = False
    """The player asked to quit."""
    models: list[ModelUsed] = field(default_factory=list)
    acted: str | None = None
    """What the engine was asked to do this turn, performed or refused: an action key, `answer` for a beat
    answer, `topic` for a conversation topic; None when the words became no action (tests.yaml `understood`)."""


TurnEvent = (
    Echo | CrisisShown | GroundingStep | GroundingDone | SystemText | ModelUsed | NarrationStart | NarrationDelta
    | NarrationDone | StateChanged | TurnDone
)
