"""The pre-written imminent, crisis and check-in responses: calm, human words and real help, never a model's."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from engine.safety.config import HelpResource, SafetyConfig
from engine.safety.detector import Classification

KEEP_PLAYING = "keep playing"
GROUNDING = "try a grounding exercise"
QUIT = "quit for now"
OPTIONS: list[str] = [KEEP_PLAYING, GROUNDING, QUIT]

IMMINENT_MESSAGE = (
    "Please get help right now. You don't have to explain anything: say what happened, and where you are.\n\n"
    "If you can, tell someone near you as well, and don't stay alone. If you have taken something, "
    "tell them what and when.\n\n"
    "The story is paused. The people below are there for exactly this, at any hour."
)

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
    "That sounded like it might be about you, not the story — is it?\n\n"
    "If it is, and things feel heavy right now, it's okay to pause here. There are people you can "
    "talk to, listed below. If it was part of the story, that's fine too: you can carry on whenever "
    "you like."
)

_MESSAGES = {"imminent": IMMINENT_MESSAGE, "crisis": CRISIS_MESSAGE, "check-in": CHECK_IN_MESSAGE}


class CrisisResponse(BaseModel):
    """What the game shows instead of the story when the detector fires."""

    level: Literal["imminent", "crisis", "check-in"]
    emergency: str = ""
    """Imminent only: the emergency-number line, shown first and most prominently."""
    message: str
    """Pre-written, shown as is."""
    resources: list[HelpResource]
    """Help for the configured locale (never empty)."""
    options: list[str]
    """What the player can do next: keep playing, a grounding exercise, or quit."""


def crisis_response(classification: Classification, config: SafetyConfig) -> CrisisResponse:
    """The response for an imminent, crisis or check-in classification.

    Raises ValueError for level "none": there is nothing to respond to.
    """
    level = classification.level
    if level == "none":
        raise ValueError("crisis_response() needs an imminent, crisis or check-in classification, got 'none'")
    return CrisisResponse(
        level=level,
        emergency=config.emergency_for() if level == "imminent" else "",
        message=_MESSAGES[level],
        resources=config.resources_for(),
        options=list(OPTIONS),
    )
