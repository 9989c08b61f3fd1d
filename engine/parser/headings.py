"""A way said with no verb ("into the kitchen", "back to the yard") or with "there" ("get up there"): going that way."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.state import GameState
from engine.parser.motion import move
from engine.story.model import Story

# Words that open a way on their own; "on", "in" and "at" open places of things as often ("in the drawer").
_WAYS = {"into", "to", "towards", "toward", "inside", "onto", "back", "up", "down", "across", "through", "over",
         "out", "outside"}

_THERE = {"get", "go", "climb", "head", "nip", "hop", "run"}


def heading(story: Story, state: GameState, words: list[str]) -> Action | None:
    """The way these verbless words lead, if they open with a word of direction and name somewhere to go."""
    if len(words) == 3 and words[0] in _THERE and words[1] in _WAYS and words[2] == "there":
        return move(story, state, "go", words[1:2])  # "get up there": that way, never taking what is up there
    if len(words) < 2 or words[0] not in _WAYS:
        return None
    return move(story, state, "go", words)
