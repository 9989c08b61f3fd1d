"""GameState: everything that changes during play, in one serialisable pydantic object."""

from __future__ import annotations

from pydantic import BaseModel

from engine.story.model import Beat, Story

CARRIED = "inventory"


class MoodEntry(BaseModel):
    """One mood check-in answer."""

    turn: int
    scene: str
    value: int


class Reflection(BaseModel):
    """A reflection prompt's free-text answer; stored, never judged."""

    beat: str
    turn: int
    scene: str
    prompt: str
    text: str


class PendingBeat(BaseModel):
    """A beat waiting for the player's answer; exercises remember which step is showing."""

    beat: Beat
    step: int = 0


class GameState(BaseModel):
    """The whole mutable state. Saving a game is serialising this object."""

    story_id: str
    story_version: str
    scene: str
    locations: dict[str, str | None]
    """Where every item and NPC is: a scene id, `inventory`, or None (nowhere)."""
    flags: dict[str, bool]
    vars: dict[str, int]
    visits: dict[str, int] = {}
    done: list[str] = []
    """Ids of once-only actions and talk entries already used."""
    turn: int = 0
    seed: int = 0
    mood_log: list[MoodEntry] = []
    reflections: list[Reflection] = []
    beats: list[PendingBeat] = []
    ending: str | None = None
    memory: str = ""
    last_object: str | None = None
    came_from: str | None = None
    """The scene the player was in before this one (so "go back" knows the way)."""

    @classmethod
    def initial(cls, story: Story, seed: int, scene: str | None = None) -> GameState:
        """The state at the start of `story` (or at `scene`, for authors)."""
        locations = {item.id: item.location for item in story.items.values()}
        locations.update({npc.id: npc.location for npc in story.npcs.values()})
        return cls(
            story_id=story.id,
            story_version=story.version,
            scene=scene or story.start,
            locations=locations,
            flags=dict(story.flags),
            vars={name: var.initial for name, var in story.vars.items()},
            seed=seed,
        )

    def snapshot(self) -> GameState:
        """An independent copy (rollback, undo): dumped and validated, several times faster than a deep copy."""
        return GameState.model_validate(self.model_dump())

    @property
    def inventory(self) -> list[str]:
        """Ids of carried items, in story order."""
        return [thing for thing, where in self.locations.items() if where == CARRIED]
