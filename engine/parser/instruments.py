"""Two things and a verb: "use the key on the door", "open it with the key" -> the author's action they fit."""

from __future__ import annotations

from engine.core.rules.known import Known
from engine.core.rules.world import scope
from engine.core.state import GameState
from engine.parser.words import PEOPLE_PRONOUNS
from engine.story.model import Story

# Built-in verbs: "use" never stands for one of these, it stands for the author's own deed with the things.
_BUILTIN = {"use", "go", "take", "drop", "examine", "talk", "look", "inventory", "wait", "help"}
# Parts of a thing that its description may name instead ("the key in the lock" -> the door with a keyhole).
_PARTS = {
    "lock": {"lock", "keyhole", "latch", "padlock"}, "keyhole": {"keyhole", "lock"},
    "latch": {"latch", "lock", "catch"}, "handle": {"handle", "knob", "latch"}, "knob": {"knob", "handle"},
    "hinge": {"hinge", "hinges"}, "slot": {"slot"}, "hole": {"hole", "keyhole"},
}


def with_instrument(known: list[Known], verb: str, objs: list[str], tools: list[str]) -> list[Known]:
    """Authored actions meaning `verb` done to one of `objs` with one of `tools`: on the object with the tool as
    its target or as a thing its `when:` needs carried; for "use", also on the tool with the object as target."""
    if verb == "use":
        pool = [k for k in known if k.action.verb not in _BUILTIN]
    else:
        pool = [k for k in known if verb in k.verbs and k.action.verb not in _BUILTIN]
    found = [k for k in pool if k.action.obj in objs and (k.action.target in tools or k.needs & set(tools))]
    if not found and verb == "use":
        found = [k for k in pool if k.action.obj in tools and k.action.target in objs]
    return found


# Flaws of a thing, which name the thing they are in: "mend the tear in the map" mends the map.
_FLAWS = {"tear", "tears", "rip", "rips", "hole", "holes", "crack", "cracks", "leak", "dent", "snag"}


def flaw_of(obj_words: list[str], target_words: list[str]) -> tuple[list[str], list[str]]:
    """"the tear in the map" -> (["map"], []): the thing with the flaw is what the deed is done to."""
    if obj_words and obj_words[-1] in _FLAWS and target_words:
        return target_words, []
    return obj_words, target_words


def part_of(story: Story, state: GameState, words: list[str]) -> list[str]:
    """Things in reach whose description names the part `words` end with ("the lock" -> the door)."""
    if not words:
        return []
    parts = _PARTS.get(words[-1], {words[-1]})
    found = []
    for thing in scope(state):
        entry = story.items.get(thing)
        # (its names too: a door called "padlock" as well has the lock in "try the key in the lock")
        aliases = " ".join(entry.aliases) if entry is not None and words[-1] in _PARTS else ""
        said = f"{entry.description} {aliases}" if entry is not None else ""
        if entry is not None and parts & set(said.lower().replace(".", " ").split()):
            found.append(thing)
    return found


def _plural(story: Story, thing: str) -> bool:
    entry = story.items.get(thing) or story.npcs.get(thing)
    name = entry.name.lower().split(" of ")[0].split() if entry else [thing]
    return name[-1].endswith("s") and not name[-1].endswith("ss")


def pronoun_choices(story: Story, state: GameState, word: str) -> list[str]:
    """What a pronoun may point at, best first: the last thing spoken of, then everything in reach, keeping
    only things that agree with it ("them": plural names or people; "it": one thing; "him"/"her": people)."""
    last = [state.last_object] if state.last_object in scope(state) else []
    order = last + [t for t in scope(state) if t not in last]
    if word in PEOPLE_PRONOUNS - {"them"}:
        found = [t for t in order if t in story.npcs]
    elif word == "them":
        found = [t for t in order if t in story.npcs or _plural(story, t)]
    else:
        # "it" keeps the last thing even when its name is plural ("the logs ... take it").
        found = last + [t for t in order[len(last):] if t not in story.npcs and not _plural(story, t)]
    return found
