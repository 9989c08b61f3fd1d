"""Crossing over ("cross to the other side", "keep going over the bridge", "go to the other platform"): the way on
that is not the way back, or the one other place of that kind."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.rules.world import open_exits
from engine.core.state import GameState
from engine.parser.motion import destination_words, stem
from engine.parser.routes import first_step
from engine.story.model import Story

_GOING = {"go", "walk", "head", "get", "run", "hurry", "cross", "keep", "carry", "continue", "press", "push", "make"}
# "keep going", "carry on": onward, not back.
_ONWARD = (("keep", "going"), ("keep", "walking"), ("carry", "on"), ("press", "on"), ("push", "on"),
           ("keep", "on"), ("continue",), ("cross",), ("go", "across"), ("walk", "across"), ("head", "across"))
# "the other side", "the far end": the far side of where one stands, not a kind of place.
_SIDES = {"side", "end", "bank", "way", "half"}


def crossing(story: Story, state: GameState, words: list[str]) -> Action | None:
    """The way across: to the one other place of the kind named ("the other platform"), else onward, the one way
    here that does not lead back where the player came from."""
    if not words or words[0] not in _GOING:
        return None
    onward = any(tuple(words[:len(o)]) == o for o in _ONWARD)
    other = words.index("other") if "other" in words[:-1] else None
    if other is None and not onward:
        return None
    kind = stem(words[other + 1]) if other is not None and words[other + 1] not in _SIDES else None
    if kind is not None:
        places = {s for s in story.scenes if s != state.scene and kind in destination_words(story, state, s, False)}
        here = kind in destination_words(story, state, state.scene, False)
        step = first_step(story, state, places) if here else None  # "the other" is another of the kind here
        return Action(verb="go", obj=step) if step is not None else None
    exits = open_exits(story, state)
    if state.came_from is None or not any(e.to == state.came_from for e in exits.values()):
        return None
    ahead = {e.to: d for d, e in sorted(exits.items()) if e.to != state.came_from}
    return Action(verb="go", obj=next(iter(ahead.values()))) if len(ahead) == 1 else None
