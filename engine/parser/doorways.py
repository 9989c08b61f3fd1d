""""Go outside" where no way is called out: the way the scene's own text calls the door out ("the door out to the
yard is east"), and the same for in."""

from __future__ import annotations

import re

from engine.parser.words import fold
from engine.story.model import Story

_CLAUSE = re.compile(r"[.;:!?]|\bbut\b")
_WORD = re.compile(r"[a-z][a-z'-]*")
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "up", "down"}
_PORTALS = {"door", "doorway", "way", "exit", "gate", "hatch", "archway"}
_SAID = {"out": {"out", "outside"}, "in": {"in", "inside"}}
_DOORS = {"door", "doors", "gate", "gates", "hatch", "doorway"}


def doors(words: list[str]) -> bool:
    """Whether the words name a door of some kind ("the cabin door", "the gate")."""
    # A compound names its kind: a trapdoor, a cellar-door, a wicket-gate.
    return any(w in _DOORS or w.endswith(("door", "gate", "hatch")) for w in words)


def doorway(story: Story, scene_id: str, particle: str, exits: set[str]) -> str | None:
    """The one exit a clause of the scene's text names as the door `particle` ("out"/"in"), with a door-word and
    exactly one direction; None when no clause (or more than one way) says so."""
    said = _SAID.get(particle)
    if said is None or particle in exits:
        return None
    found: set[str] = set()
    for clause in _CLAUSE.split(fold(story.scenes[scene_id].text)):
        words = _WORD.findall(clause)
        ways = {w for w in words if w in _COMPASS}
        if set(words) & said and set(words) & _PORTALS and len(ways) == 1 and ways <= exits:
            found |= ways
    return found.pop() if len(found) == 1 else None
