"""What a backend is asked: chat messages or a plain prompt, parameters, streaming, cancellation, timeout."""

from __future__ import annotations

import threading
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.inference.config import GenParams
from engine.tasks import TaskType


class Message(BaseModel):
    """One chat message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    """Who speaks."""
    content: str
    """What is said."""


class GenerationRequest(BaseModel):
    """One call: chat messages or a plain completion prompt, parameters, streaming, and how to stop it."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    messages: list[Message] | None = None
    """Chat messages, rendered with the model's chat template (flattened for base models without `prompt`)."""
    prompt: str | None = None
    """A plain completion prompt; with `messages` too, it is what base models (no chat template) get."""
    params: GenParams = Field(default_factory=GenParams)
    """Sampling parameters and the token limit."""
    stream: bool = False
    """Return at once and stream chunks (True), or return the finished response (False)."""
    timeout_s: float | None = Field(None, gt=0)
    """Stop after this many seconds (outcome "timeout")."""
    stop: threading.Event | None = None
    """Set it to cancel (outcome "cancelled")."""
    task: TaskType | None = None
    """The task, recorded on the response for the performance tracker."""

    @model_validator(mode="after")
    def _some_input(self) -> GenerationRequest:
        if self.messages is None and self.prompt is None:
            raise ValueError("give `messages`, `prompt`, or both")
        return self


class ChoiceRequest(GenerationRequest):
    """A choice among actions that remembers the scene and the player's words.

    With it, `Backend.choose` ranks options by how likely the player's words are under each one
    ("noisy channel" scoring), which measured clearly more accurate on small models than ranking the
    options' own likelihood. Build one with `engine.inference.choice_prompts.choice_request`.
    """

    scene: str
    """The scene as the player sees it."""
    player_input: str
    """What the player typed."""

    def channel_prefix(self, option: str) -> str:
        """The text whose continuation is the player's words, if the player meant `option`."""
        return f'Scene: {self.scene}\nThe player chose the action "{option}" and typed:'

    def channel_suffix(self) -> str:
        """The player's words as they continue every channel prefix."""
        return f' "{self.player_input}"\n'
