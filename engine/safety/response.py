"""The pre-written crisis and check-in responses: calm, human words and real help, never a model's."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from engine.safety.config import HelpResource, SafetyConfig
from engine.safety.detector import Classification

KEEP_PLAYING = "keep playing"
GROUNDING = "try a grounding exercise"
QUIT = "quit for now"
OPTIONS: list[str] = [KEEP_PLAYING, GROUNDING, QUIT]

CRISIS_MESSAGE = (
    "Let's pause the story for a moment.\n\n"
    "What you wrote sounds really painful, and it matters. You deserve support from a real "
    "person, and you don't have to go through this alone.\n\n"
    "If you might act on these thoughts, or you are in danger right now, please contact your "
    "local emergency number or one of the services below. They are there for exactly this, "
    "at any hour.\n\n"
    "The story will wait for you. Choose whatever feels right for you now."
)

CHECK_IN_MESSAGE = (
    "Are you okay?\n\n"
    "Something you wrote made us want to step outside the story for a moment and check in "
    "with you.\n\n"
    "If things feel heavy right now, it's okay to pause, and there are people you can talk "
    "to, listed below. If you were just playing, that's fine too: you can carry on whenever "
    "you like."
)


class CrisisResponse(BaseModel):
    """What the game shows instead of the story when the detector fires."""

    level: Literal["crisis", "check-in"]
    message: str
    """Pre-written, shown as is."""
    resources: list[HelpResource]
    """Help for the configured locale (never empty)."""
    options: list[str]
    """What the player can do next: keep playing, a grounding exercise, or quit."""


def crisis_response(classification: Classification, config: SafetyConfig) -> CrisisResponse:
    """The response for a crisis or check-in classification.

    Raises ValueError for level "none": there is nothing to respond to.
    """
    if classification.level == "none":
        raise ValueError("crisis_response() needs a crisis or check-in classification, got 'none'")
    message = CRISIS_MESSAGE if classification.level == "crisis" else CHECK_IN_MESSAGE
    return CrisisResponse(
        level=classification.level,
        message=message,
        resources=config.resources_for(),
        options=list(OPTIONS),
    )
