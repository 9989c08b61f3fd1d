"""Plain-English text the engine composes: names with articles, lists, scene descriptions, action phrases."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.rules.world import all_hold, things_here, visible_exits
from engine.core.state import GameState
from engine.story.model import Note, Story


def name_of(story: Story, thing: str) -> str:
    """The display name of an item or NPC id (the id itself if unknown)."""
    if thing in story.items:
        return story.items[thing].name
    if thing in story.npcs:
        return story.npcs[thing].name
    return thing.replace("_", " ")


def the(story: Story, thing: str) -> str:
    """"the brass key", or a proper name as it is ("Mara")."""
    name = name_of(story, thing)
    return name if name[:1].isupper() else f"the {name}"


def a(story: Story, thing: str) -> str:
    """"a brass key", "an old lamp", or a proper name as it is."""
    name = name_of(story, thing)
    if name[:1].isupper():
        return name
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def join(words: list[str]) -> str:
    """"a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def with_notes(text: str, notes: list[Note], state: GameState) -> str:
    """Authored text plus the notes whose conditions hold now."""
    extra = [note.text.strip() for note in notes if all_hold(note.when, state)]
    return " ".join([text.strip(), *extra]) if extra else text.strip()


def scene_text(story: Story, state: GameState) -> str:
    """Full description of the current scene: title, text, what is here, and the ways on."""
    scene = story.scenes[state.scene]
    parts = [scene.title, with_notes(scene.text, scene.notes, state)]
    listed: list[str] = []
    for thing in things_here(state):
        item = story.items.get(thing)
        npc = story.npcs.get(thing)
        here = item.here if item else npc.here if npc else None
        if here:
            parts.append(here.strip())
        elif npc is not None:
            parts.append(f"{npc.name} is here.")
        elif item is not None and item.portable:
            listed.append(a(story, thing))
    if listed:
        parts.append(f"You can see {join(listed)} here.")
    exits = visible_exits(story, state)
    if exits:
        ways = [f"{d} to {story.scenes[e.to].title}" for d, e in exits.items()]
        parts.append(f"Ways on: {join(ways)}.")
    return "\n\n".join(parts)


def inventory_text(story: Story, state: GameState) -> str:
    carried = state.inventory
    if not carried:
        return "You are carrying nothing."
    return f"You are carrying {join([a(story, thing) for thing in carried])}."


def describe_action(story: Story, state: GameState, action: Action) -> str:
    """Plain English for an action, e.g. "take the brass key", "go north to the Garden"."""
    if action.verb == "go" and action.obj:
        exit_ = story.scenes[state.scene].exits.get(action.obj)
        if exit_ is not None and exit_.to in story.scenes:
            return f"go {action.obj} to {story.scenes[exit_.to].title}"
        return f"go {action.obj}"
    if action.verb == "talk" and action.obj:
        return f"talk to {the(story, action.obj)}"
    parts = [action.verb]
    if action.obj:
        parts.append(the(story, action.obj))
    if action.target:
        parts.extend((_PREPOSITION.get(action.verb, "with"), the(story, action.target)))
    return " ".join(parts)


_PREPOSITION = {"use": "on", "give": "to", "show": "to", "offer": "to", "put": "on", "throw": "at"}
