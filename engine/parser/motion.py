"""Movement readings: a direction, a destination by name ("walk down to the harbour"), or the way back."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.rules.world import visible_exits
from engine.core.state import GameState
from engine.parser.objects import nouns_of
from engine.parser.words import DIRECTIONS, MOTION_DEFAULT, MOTION_FILLER
from engine.story.model import Story

_TITLE_FILLER = {"the", "a", "an", "of", "to", "and", "s"}


def stem(word: str) -> str:
    """A crude singular: "stairs" and "stair", "keeper's" and "keeper" compare equal."""
    word = word.removesuffix("'s").removesuffix("'")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def destination_words(story: Story, state: GameState, scene_id: str, things: bool = True) -> set[str]:
    """Words that name a scene: its title and id, and (with `things`) what lies there, so "head for the boats"
    finds the quay."""
    scene = story.scenes[scene_id]
    words = {w for w in scene.title.lower().replace("'", " ").split() if w not in _TITLE_FILLER}
    words |= set(scene_id.lower().split("_"))
    for thing, where in state.locations.items() if things else ():
        if where == scene_id:
            words |= nouns_of(story, thing)
    return {stem(w) for w in words if w not in _TITLE_FILLER}


def way_back(story: Story, state: GameState) -> str | None:
    """The direction that leads to the scene the player came from, if one does."""
    if state.came_from is None:
        return None
    for direction, exit_ in visible_exits(story, state).items():
        if exit_.to == state.came_from:
            return direction
    return None


def _score(content: set[str], names: set[str]) -> int:
    """How many words name the place; "shed" names "woodshed" (a word inside a longer one counts)."""
    return sum(1 for w in content if w in names or (len(w) >= 4 and any(n.endswith(w) for n in names)))


def move(story: Story, state: GameState, verb: str, rest: list[str], named_only: bool = False) -> Action | None:
    """The exit a movement means: a direction word that is a way on here, else the one destination named.

    With `named_only`, only a place named by its own name counts ("look up" is not a way up, and "see the
    boats" is not a way to the harbour)."""
    exits = visible_exits(story, state)
    for word in () if named_only else rest:
        direction = DIRECTIONS.get(word)
        if direction is not None and direction in exits:
            return Action(verb="go", obj=direction)
    content = [stem(w) for w in rest if w not in MOTION_FILLER and w not in DIRECTIONS]
    if content:
        scores = {d: _score(set(content), destination_words(story, state, e.to, things=not named_only))
                  for d, e in exits.items()}
        best = max(scores.values(), default=0)
        chosen = [d for d, score in scores.items() if score == best and best > 0]
        if len(chosen) == 1:
            return Action(verb="go", obj=chosen[0])
        here = destination_words(story, state, state.scene) | {"room", "place"}
        if chosen or named_only or _score(set(content), here) < len(set(content)):
            return None
    if named_only:
        return None
    # Nothing but filler (or the place itself, "leave the shed"): back the way you came, or the obvious way.
    if "back" in rest or verb in ("back", "return"):
        direction = way_back(story, state)
        if direction is not None:
            return Action(verb="go", obj=direction)
    default = MOTION_DEFAULT.get(verb)
    if default in exits:
        return Action(verb="go", obj=default)
    if verb in ("leave", "exit") and len(exits) == 1:
        return Action(verb="go", obj=next(iter(exits)))
    return None
