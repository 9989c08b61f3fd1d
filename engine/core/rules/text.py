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


def placed_scenes(story: Story, thing: str) -> set[str]:
    """Where the story itself puts `thing`: its starting location and the scenes `place` effects name."""
    entry = story.items.get(thing) or story.npcs.get(thing)
    found = {entry.location} if entry is not None and entry.location else set()
    effects = [e for action in story.all_actions() for e in action.effects]
    for npc in story.npcs.values():
        effects += [e for talk in npc.talk for e in talk.effects] + [e for topic in npc.topics for e in topic.effects]
    return found | {e.dest for e in effects if e.kind == "place" and e.name == thing}


def here_text(story: Story, state: GameState, thing: str) -> str | None:
    """The authored `here:` sentence for a thing in this scene, if one applies now.

    It describes the thing where the story put it ("On the shelf sits an oil can"), so once the player has
    carried it elsewhere the plain listing is used; a list picks its first entry whose conditions hold."""
    entry = story.items.get(thing) or story.npcs.get(thing)
    if entry is None or entry.here is None or state.scene not in placed_scenes(story, thing):
        return None
    if isinstance(entry.here, str):
        return entry.here.strip()
    chosen = next((note for note in entry.here if all_hold(note.when, state)), None)
    return chosen.text.strip() if chosen is not None else None


def ways_on(story: Story, state: GameState) -> str | None:
    """"Ways on: north to The Garden, in to The Hut (closed)." Closed exits say so, in the author's words if
    the exit has `closed:` text."""
    exits = visible_exits(story, state)
    if not exits:
        return None
    ways = []
    for direction, exit_ in exits.items():
        way = f"{direction} to {story.scenes[exit_.to].title}"
        if not all_hold(exit_.when, state):
            way = exit_.closed.strip() if exit_.closed else f"{way} (closed)"
        ways.append(way)
    return f"Ways on: {join(ways)}."


def scene_text(story: Story, state: GameState) -> str:
    """Full description of the current scene: title, text, what is here, and the ways on."""
    scene = story.scenes[state.scene]
    parts = [scene.title, with_notes(scene.text, scene.notes, state)]
    listed: list[str] = []
    for thing in things_here(state):
        item = story.items.get(thing)
        npc = story.npcs.get(thing)
        here = here_text(story, state, thing)
        if here:
            parts.append(here)
        elif npc is not None:
            parts.append(f"{npc.name} is here.")
        elif item is not None and item.portable:
            listed.append(a(story, thing))
    if listed:
        parts.append(f"You can see {join(listed)} here.")
    ways = ways_on(story, state)
    if ways:
        parts.append(ways)
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
