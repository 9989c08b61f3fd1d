"""The story schema (format 1): immutable pydantic models for scenes, items, NPCs, beats, endings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from engine.story.conversation import Topic, number_topics
from engine.story.logic import Cond, Effect, as_list, parse_cond, parse_effect

DIRECTIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "up", "down", "in", "out")
RESERVED_LOCATIONS = ("inventory",)

Conds = Annotated[list[Annotated[Cond, BeforeValidator(parse_cond)]], BeforeValidator(as_list)]
Effects = Annotated[list[Annotated[Effect, BeforeValidator(parse_effect)]], BeforeValidator(as_list)]
Words = Annotated[list[str], BeforeValidator(as_list)]


class Frozen(BaseModel):
    """Base for story content: immutable, and unknown keys are authoring mistakes."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Beat(Frozen):
    """A therapeutic moment: a mood check-in, a guided exercise (steps) or a reflection prompt."""

    kind: Literal["mood", "exercise", "reflection"]
    id: str = ""
    prompt: str
    steps: list[str] = []
    done: str = ""

    @model_validator(mode="after")
    def _exercise_has_steps(self) -> Beat:
        if self.kind == "exercise" and not self.steps:
            raise ValueError("an exercise beat needs at least one step in `steps`")
        return self


class Note(Frozen):
    """Text added to a description while its conditions hold."""

    when: Conds = []
    text: str


class StoryAction(Frozen):
    """An authored action or choice: `verb [obj] [on target]`, with conditions, text and effects."""

    id: str = ""
    verb: str
    synonyms: Words = []
    obj: str | None = None
    target: str | None = None
    when: Conds = []
    fail: str | None = None
    text: str
    effects: Effects = []
    once: bool = False
    beat: Beat | None = None

    @property
    def verbs(self) -> tuple[str, ...]:
        return (self.verb, *self.synonyms)


class Exit(Frozen):
    """A way out of a scene; hidden while `when` fails unless `blocked` explains why it is shut."""

    to: str
    when: Conds = []
    blocked: str | None = None
    text: str | None = None
    closed: str | None = None
    """How "Ways on" lists this exit while `when` fails (default: "north to The Garden (closed)")."""


def _exit_shorthand(raw: object) -> object:
    return {"to": raw} if isinstance(raw, str) else raw


class Scene(Frozen):
    """A place: authored text, narration hints, exits, authored actions and an optional beat/ending."""

    id: str
    title: str
    text: str
    tone: str = "gentle"
    must_mention: list[str] = []
    exits: dict[str, Annotated[Exit, BeforeValidator(_exit_shorthand)]] = {}
    notes: list[Note] = []
    actions: list[StoryAction] = []
    beat: Beat | None = None
    ending: str | None = None
    hint: str | None = None
    """A gentle nudge shown when the player types `hint` here."""
    ambient: Words = []
    """In-world lines for things the story has no action for here ("listen to the waves"), picked by relevance."""


class Thing(Frozen):
    """What items and characters share: a name the parser matches, a description, and where it is."""

    id: str
    name: str
    aliases: Words = []
    adjectives: Words = []
    description: str
    location: str | None = None
    here: str | list[Note] | None = None
    """The sentence used instead of "You can see ..." while the thing is where the story put it; a list of
    `{when, text}` picks the first whose conditions hold."""
    notes: list[Note] = []
    """Text added to the description (when examined) while its conditions hold."""


class Item(Thing):
    """A thing in the world; `location` is a scene id, `inventory`, or empty (nowhere yet)."""

    portable: bool = True
    take_text: str | None = None
    actions: list[StoryAction] = []


class Talk(Frozen):
    """One thing an NPC may say; the first entry whose conditions hold is used."""

    id: str = ""
    when: Conds = []
    text: str
    effects: Effects = []
    once: bool = False
    beat: Beat | None = None


class Npc(Thing):
    """A character the player can examine and talk to."""

    talk: list[Talk] = []
    topics: list[Topic] = []
    """Authored answers to `ask/tell NAME about ...` and to words addressed to the character."""
    persona: str | None = None
    """How the character speaks, for a model that improvises their replies."""
    knows: Words = []
    """Facts the character may share; an improvised reply may state nothing else."""


class Ending(Frozen):
    """How the story can end."""

    id: str
    title: str
    text: str


class VarDef(Frozen):
    """A numeric variable with its starting value and optional bounds (effects clamp to them)."""

    initial: int = 0
    min: int | None = None
    max: int | None = None


class VarUpdate(Frozen):
    """A variable a model may propose changing, within a range and a per-turn step."""

    min: int
    max: int
    max_change: int = Field(1, ge=1)


class MemoryUpdate(Frozen):
    """The one free-text line a model may keep as story memory."""

    max_length: int = Field(160, ge=1, le=2000)


class ModelUpdates(Frozen):
    """What models may propose after narration; nothing else about the state is theirs to change."""

    vars: dict[str, VarUpdate] = {}
    memory: MemoryUpdate | None = None


def _var_shorthand(raw: object) -> object:
    return {"initial": raw} if isinstance(raw, int) and not isinstance(raw, bool) else raw


class Story(Frozen):
    """A whole story; immutable. `source_path` is where it was loaded from (not part of the format)."""

    format: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    title: str
    version: str
    author: str
    content_notes: list[str] = []
    start: str
    flags: dict[str, bool] = {}
    vars: dict[str, Annotated[VarDef, BeforeValidator(_var_shorthand)]] = {}
    items: dict[str, Item] = {}
    npcs: dict[str, Npc] = {}
    scenes: dict[str, Scene]
    endings: dict[str, Ending] = {}
    actions: list[StoryAction] = []
    model_updates: ModelUpdates = ModelUpdates()
    player: str | None = None
    """Who the player is in this story (the answer to "who am I?")."""
    default_replies: Words = []
    """Story-wide in-world lines for off-script input where no scene line fits."""
    source_path: Path | None = Field(None, exclude=True)

    _verbs: frozenset[str] = PrivateAttr(default=frozenset())

    @model_validator(mode="before")
    @classmethod
    def _fill_ids(cls, data: Any) -> Any:
        """Give every keyed entry its id and every action/talk entry a stable default id."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for section in ("scenes", "items", "npcs", "endings"):
            entries = data.get(section)
            if isinstance(entries, dict):
                data[section] = {key: _with_id(value, str(key)) for key, value in entries.items()}
        for key, scene in (data.get("scenes") or {}).items() if isinstance(data.get("scenes"), dict) else ():
            if isinstance(scene, dict):
                scene["actions"] = _number(scene.get("actions"), f"{key}.action")
                scene["beat"] = _beat_id(scene.get("beat"), f"{key}.beat")
        for key, item in (data.get("items") or {}).items() if isinstance(data.get("items"), dict) else ():
            if isinstance(item, dict):
                item["actions"] = _number(item.get("actions"), f"{key}.action")
        for key, npc in (data.get("npcs") or {}).items() if isinstance(data.get("npcs"), dict) else ():
            if isinstance(npc, dict):
                npc["talk"] = _number(npc.get("talk"), f"{key}.talk")
                npc["topics"] = number_topics(npc.get("topics"), f"{key}.topic")
        data["actions"] = _number(data.get("actions"), "story.action")
        return data

    def model_post_init(self, context: Any) -> None:
        verbs = {verb for action in self.all_actions() for verb in action.verbs}
        self._verbs = frozenset(verbs)

    def all_actions(self) -> list[StoryAction]:
        """Every authored action in the story, wherever it is attached."""
        found = list(self.actions)
        for scene in self.scenes.values():
            found.extend(scene.actions)
        for item in self.items.values():
            found.extend(item.actions)
        return found

    @property
    def story_verbs(self) -> frozenset[str]:
        """Verbs that authored actions introduce (for the parser)."""
        return self._verbs


def _with_id(value: object, key: str) -> object:
    if isinstance(value, dict):
        return {**value, "id": key}
    return value


def _number(entries: object, prefix: str) -> object:
    """Default ids `prefix.N` for authored actions/talk, and default beat ids below them."""
    if not isinstance(entries, list):
        return entries if entries is not None else []
    numbered = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            entry = dict(entry)
            entry.setdefault("id", f"{prefix}{index}")
            entry["beat"] = _beat_id(entry.get("beat"), f"{entry['id']}.beat")
        numbered.append(entry)
    return numbered


def _beat_id(beat: object, default: str) -> object:
    if isinstance(beat, dict):
        return {"id": default, **beat}
    return beat
