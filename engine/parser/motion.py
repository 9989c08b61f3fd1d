"""Movement readings: a direction, a destination by name ("walk down to the harbour"), or the way back."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.rules.world import visible_exits
from engine.core.state import GameState
from engine.parser.boarding import boarding
from engine.parser.doorways import doorway
from engine.parser.landmarks import exit_landmarks
from engine.parser.lexicon import noun_synonyms, spellings
from engine.parser.objects import nouns_of
from engine.parser.routes import first_step
from engine.parser.words import DIRECTIONS, MOTION_DEFAULT, MOTION_FILLER, fold
from engine.story.model import Exit, Story

_TITLE_FILLER = {"the", "a", "an", "of", "to", "and", "s"}
# Words that put a destination after them: "head out back to the wood shed".
_TOWARD = {"to", "towards", "toward", "into", "onto", "for"}
# Head nouns of a story title that name the building the whole story is in ("The Hut Above the Treeline").
_BUILDINGS = {"hut", "house", "cabin", "cottage", "inn", "hall", "lodge", "library", "station", "shop", "farm",
              "school", "castle", "hotel", "tower", "church", "mill", "barn", "manor", "museum", "lighthouse"}
# Words that say the opposite of a way on: "deeper into the house" is never the way out.
_AGAINST = {"out": {"into", "inside", "deeper", "further", "farther"}, "in": {"out", "outside", "away"},
            "up": {"down", "downstairs", "lower"}, "down": {"up", "upstairs", "higher"}}


def stem(word: str) -> str:
    """A crude singular: "stairs" and "stair", "keeper's" and "keeper" compare equal."""
    word = word.removesuffix("'s").removesuffix("'")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def destination_words(story: Story, state: GameState, scene_id: str, things: bool = True) -> set[str]:
    """Words that name a scene: its title and id, and (with `things`) what lies there, so "head for the boats"
    finds the quay."""
    scene = story.scenes[scene_id]
    words = {w for w in fold(scene.title).replace("'", " ").split() if w not in _TITLE_FILLER}
    words |= set(scene_id.lower().split("_"))
    for thing, where in state.locations.items() if things else ():
        if where == scene_id:
            words |= nouns_of(story, thing)
    return {stem(w) for w in words if w not in _TITLE_FILLER}


def _story_place(story: Story) -> set[str]:
    """The building a story's title names, so "leave the hut" means the way out of wherever the player is."""
    return {stem(w) for w in story.title.lower().split() if w in _BUILDINGS}


def _far(story: Story, state: GameState, aimed: set[str]) -> set[str]:
    """Scenes other than this one whose own names ("The Shingle", "beach" for it) cover every aimed word."""
    return {scene for scene in story.scenes if scene != state.scene
            and _score(aimed, destination_words(story, state, scene, things=False)) == len(aimed)}


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
    return sum(1 for w in content if w in names or (len(w) >= 4 and any(n.endswith(w) for n in names))
               or bool({stem(s) for s in (*noun_synonyms(w), *spellings(w))} & names))


def _named(story: Story, state: GameState, exits: dict[str, Exit], content: set[str], rest: list[str],
           names_only: bool, guards: bool = False) -> tuple[str | None, bool]:
    """The one exit these words name best (or None), and whether any exit was named at all."""
    scores = {d: _score(content, destination_words(story, state, e.to, things=not names_only) | (set() if names_only
                        else {stem(w) for w in exit_landmarks(story, state.scene, d, guards)}))
              for d, e in exits.items()}
    best = max(scores.values(), default=0)
    chosen = [d for d, score in scores.items() if score == best and best > 0]
    if len(chosen) == 1 and not set(rest) & _AGAINST.get(chosen[0], set()):
        return chosen[0], True
    return None, bool(chosen)


def move(story: Story, state: GameState, verb: str, rest: list[str], named_only: bool = False) -> Action | None:
    """The exit a movement means: a destination after "to" ("head out back to the shed": the shed, not out),
    else a direction word that is a way on here, else the one destination named.

    With `named_only`, only a place named by its own name counts ("look up" is not a way up, and "see the
    boats" is not a way to the harbour)."""
    # "the back of the boat" is a place (its rear), not the way back.
    rest = ["rear" if w == "back" and rest[at + 1:at + 2] == ["of"] else w for at, w in enumerate(rest)]
    # "get Agnes's glass": a possessive before a noun names whose thing, not a place ("go to Agnes's" still does).
    rest = [w for at, w in enumerate(rest) if not (w.endswith("'s") and at < len(rest) - 1)]
    exits = visible_exits(story, state)
    toward = next((rest[at + 1:] for at, w in enumerate(rest) if w in _TOWARD), [])
    aimed = {stem(w) for w in toward if w not in MOTION_FILLER and w not in DIRECTIONS}
    if aimed and not named_only:
        # A particle after the verb ("head out", "walk up") is part of the verb when a destination follows.
        direction, named = _named(story, state, exits, aimed, rest, names_only=False)
        if direction is None and not named:
            direction = first_step(story, state, _far(story, state, aimed))
        if direction is not None:
            return Action(verb="go", obj=direction)
    for word in () if named_only else rest:
        direction = DIRECTIONS.get(word)
        if direction is not None and direction in exits:
            return Action(verb="go", obj=direction)
        # "go outside" with no way called out: the door the scene's text calls the way out.
        door = doorway(story, state.scene, direction, set(exits)) if direction in ("in", "out") else None
        if door is not None:
            return Action(verb="go", obj=door)
    content = [stem(w) for w in rest if w not in MOTION_FILLER and w not in DIRECTIONS]
    if not named_only:
        onto = boarding(story, state, exits, verb, rest, destination_words(story, state, state.scene),
                        {d: destination_words(story, state, e.to, things=False) for d, e in exits.items()})
        if onto is not None:
            return Action(verb="go", obj=onto)
    if content:
        direction, any_named = _named(story, state, exits, set(content), rest, named_only, verb == "try")
        if direction is not None:
            return Action(verb="go", obj=direction)
        # Inside the story's building (there is a way out), its name is this place too: "leave the hut".
        inside = _story_place(story) if "out" in exits else set()
        here = destination_words(story, state, state.scene) | {"room", "place"} | inside
        if any_named or named_only or _score(set(content), here) < len(set(content)):
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
