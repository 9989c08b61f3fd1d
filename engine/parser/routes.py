"""A place further on, named by its title: "run back to the beach" from two scenes away is the first step of the
shortest way there, through ways the player could take now or that were open before."""

from __future__ import annotations

from collections import deque

from engine.core.rules.world import open_exits
from engine.core.state import GameState
from engine.story.model import Story


def first_step(story: Story, state: GameState, places: set[str]) -> str | None:
    """The direction of the first step towards the one scene in `places` (ids), by the fewest steps; None when
    there are several such scenes, or no way there."""
    start = state.scene
    if start in places or len(places) != 1:
        return None
    seen = {start}
    queue: deque[tuple[str, str]] = deque(
        (exit_.to, direction) for direction, exit_ in open_exits(story, state).items())
    while queue:
        scene, direction = queue.popleft()
        if scene in seen:
            continue
        seen.add(scene)
        if scene in places:
            return direction
        # Beyond the next scene its exits are judged as authored (conditions unknown until there).
        queue.extend((e.to, direction) for e in story.scenes[scene].exits.values() if not e.when)
    return None
