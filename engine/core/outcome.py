"""What the engine reports: outcomes of actions (with a typed refusal), beat prompts, scene facts, update results."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from engine.core.actions import Action
from engine.story.model import Ending


class BeatPrompt(BaseModel):
    """A therapeutic beat awaiting input; `prompt` is the text to show now (for exercises, the current step)."""

    kind: Literal["mood", "exercise", "reflection"]
    id: str
    prompt: str
    step: int = 0
    total: int = 1
    hint: str = ""

    @property
    def text(self) -> str:
        """The prompt with its hint, ready to show."""
        return f"{self.prompt}\n({self.hint})" if self.hint else self.prompt


Refusal = Literal["not_here", "unmatched", "condition", "rule", "ended", "answer"]
"""Why the engine said no: the thing is not in reach; a story verb no authored action fits (most likely a
misreading); an authored condition failed; a built-in rule refused; the story is over; a beat answer that
does not fit."""


class Outcome(BaseModel):
    """The result of one action or answer: authored text, or the reason it could not happen."""

    ok: bool
    text: str
    action: Action | None = None
    events: list[str] = []
    refusal: Refusal | None = None
    """Set exactly when ok is False."""
    scene_changed: bool = False
    ending: Ending | None = None
    beat: BeatPrompt | None = None


class SceneFacts(BaseModel):
    """What narration may mention about the current scene (used by the grounding check)."""

    scene_id: str
    title: str
    description: str
    items: list[str]
    exits: dict[str, str]
    npcs: list[str]
    tone: str
    must_mention: list[str]
    inventory: list[str]


class UpdateResult(BaseModel):
    """Which proposed model-update fields were applied, and why the others were not."""

    accepted: dict[str, object] = {}
    rejected: dict[str, str] = {}
    unchanged: list[str] = []
    """Fields proposed with the value they already have: no change, so neither accepted nor rejected."""
