"""World rules shared by every verb: conditions, effects, scope, and entering a scene."""

from __future__ import annotations

from engine.core.state import CARRIED, GameState, PendingBeat
from engine.story.logic import Cond, Effect
from engine.story.model import Exit, Story, StoryAction

_COMPARE = {
    ">=": int.__ge__, "<=": int.__le__, ">": int.__gt__, "<": int.__lt__, "==": int.__eq__, "!=": int.__ne__,
}


def holds(cond: Cond, state: GameState) -> bool:
    """Whether one condition atom holds now."""
    if cond.kind == "flag":
        result = state.flags.get(cond.name, False)
    elif cond.kind == "has":
        result = state.locations.get(cond.name) == CARRIED
    elif cond.kind == "visited":
        result = state.visits.get(cond.name, 0) > 0
    elif cond.kind == "at":
        result = state.scene == cond.name
    else:
        return _COMPARE[cond.op](state.vars.get(cond.name, 0), cond.value)
    return result != cond.negate


def all_hold(conds: list[Cond], state: GameState) -> bool:
    """Whether every condition of a `when:` list holds."""
    return all(holds(cond, state) for cond in conds)


def clamp(story: Story, name: str, value: int) -> int:
    """Keep a variable inside its declared bounds."""
    var = story.vars.get(name)
    if var is not None:
        if var.min is not None:
            value = max(var.min, value)
        if var.max is not None:
            value = min(var.max, value)
    return value


def apply_effects(story: Story, state: GameState, effects: list[Effect]) -> list[str]:
    """Apply effects in order; returns the events they caused."""
    events: list[str] = []
    for effect in effects:
        if effect.kind in ("set", "clear"):
            state.flags[effect.name] = effect.kind == "set"
            events.append(f"{'flag' if effect.kind == 'set' else 'unflag'}:{effect.name}")
        elif effect.kind in ("add", "assign"):
            base = state.vars.get(effect.name, 0) if effect.kind == "add" else 0
            state.vars[effect.name] = clamp(story, effect.name, base + effect.value)
            events.append(f"var:{effect.name}={state.vars[effect.name]}")
        elif effect.kind == "give":
            state.locations[effect.name] = CARRIED
            events.append(f"got:{effect.name}")
        elif effect.kind == "remove":
            state.locations[effect.name] = None
            events.append(f"removed:{effect.name}")
        elif effect.kind == "place":
            state.locations[effect.name] = effect.dest
            events.append(f"placed:{effect.name}:{effect.dest}")
        elif effect.kind == "goto":
            events.extend(enter_scene(story, state, effect.name))
        elif effect.kind == "end":
            state.ending = effect.name
            events.append(f"ending:{effect.name}")
    return events


def enter_scene(story: Story, state: GameState, scene_id: str) -> list[str]:
    """Move the player; a first visit queues the scene's beat; an ending scene ends the story."""
    if scene_id != state.scene:
        state.came_from = state.scene
    state.scene = scene_id
    scene = story.scenes[scene_id]
    first = state.visits.get(scene_id, 0) == 0
    state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
    events = [f"moved:{scene_id}"]
    if first and scene.beat is not None:
        state.beats.append(PendingBeat(beat=scene.beat))
        events.append(f"beat:{scene.beat.id}")
    if scene.ending is not None:
        state.ending = scene.ending
        events.append(f"ending:{scene.ending}")
    return events


def things_here(state: GameState) -> list[str]:
    """Ids of items and NPCs in the current scene (not carried)."""
    return [thing for thing, where in state.locations.items() if where == state.scene]


def in_scope(state: GameState, thing: str) -> bool:
    """Whether the player can see/reach `thing`: here, or carried."""
    where = state.locations.get(thing, None)
    return where is not None and (where == state.scene or where == CARRIED)


def scope(state: GameState) -> list[str]:
    """Every thing the player can refer to right now."""
    return [thing for thing, where in state.locations.items() if where in (state.scene, CARRIED)]


def visible_exits(story: Story, state: GameState) -> dict[str, Exit]:
    """Exits the player knows about: open ones and blocked ones that explain themselves."""
    exits = story.scenes[state.scene].exits
    return {d: e for d, e in exits.items() if e.blocked is not None or all_hold(e.when, state)}


def open_exits(story: Story, state: GameState) -> dict[str, Exit]:
    """Exits the player can take now."""
    return {d: e for d, e in story.scenes[state.scene].exits.items() if all_hold(e.when, state)}


def candidate_actions(story: Story, state: GameState) -> list[StoryAction]:
    """Authored actions that could apply here: the story's, this scene's, and those of things in scope."""
    found = list(story.scenes[state.scene].actions)
    for thing in scope(state):
        item = story.items.get(thing)
        if item is not None:
            found.extend(item.actions)
    found.extend(story.actions)
    return found


def action_available(state: GameState, action: StoryAction) -> bool:
    """In scope, not used up; conditions are checked separately so their failure can be explained."""
    if action.once and action.id in state.done:
        return False
    return all(thing is None or in_scope(state, thing) for thing in (action.obj, action.target))
