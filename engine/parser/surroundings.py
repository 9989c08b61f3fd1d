"""Looking round the place one is in ("look around the shed" inside the shed): the look, not its door."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.state import GameState
from engine.parser.motion import destination_words, stem
from engine.story.model import Story

_LOOKING = (("look", "around"), ("look", "round"), ("look", "about"), ("have", "a", "look", "around"),
            ("have", "a", "look", "round"), ("check", "out"), ("explore",), ("scan",), ("survey",))
_FILLER = {"the", "this", "a", "old", "little", "whole", "in", "of", "here", "inside"}


def around(story: Story, state: GameState, words: list[str]) -> Action | None:
    """The look, when what is looked round is this very place by its own name ("the cupboard", "the old shed")."""
    opening = next((o for o in _LOOKING if tuple(words[:len(o)]) == o and len(words) > len(o)), None)
    if opening is None:
        return None
    named = {stem(w) for w in words[len(opening):] if w not in _FILLER}
    return Action(verb="look") if named and named <= destination_words(story, state, state.scene, False) else None
