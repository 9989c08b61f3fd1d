"""Author mode: reload the story and replay the session's moves to where the author was; jump; set values."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from engine.core.game import Game
from engine.core.state import GameState
from engine.story import StoryError, load_story, validate_story
from engine.turn.events import StateChanged, SystemText, TurnEvent
from engine.turn.session import Session
from engine.turn.session_log import Move
from engine.yamlpos import Problem


@dataclass
class Reloaded:
    """A reload's result: the new game (None when the story has errors), problems, and replay progress."""

    game: Game | None
    problems: list[Problem]
    replayed: int
    stopped_at: str | None = None
    befores: list[GameState] = field(default_factory=list)
    """The state before each replayed move, in the reloaded story (for undo)."""


def reload_and_replay(game: Game, start: GameState, moves: list[Move]) -> Reloaded:
    """Load the story file again; if it is valid, replay every move from `start`."""
    source = game.story.source_path
    if source is None:
        return Reloaded(None, [Problem(game.story.id, 1, 1, "this story was not loaded from a file")], 0)
    problems = [p for p in validate_story(source) if p.severity == "error"]
    if problems:
        return Reloaded(None, problems, 0)
    try:
        story = load_story(source)
    except StoryError as exc:
        return Reloaded(None, list(exc.problems), 0)
    if start.scene not in story.scenes:
        start.scene = story.start
    fresh = Game.from_state(story, start)
    befores: list[GameState] = []
    for count, move in enumerate(moves):
        before = fresh.state.snapshot()
        problem = _replay_one(fresh, move)
        if problem is not None:
            return Reloaded(fresh, [], count, f"move {count + 1}{problem}", befores)
        befores.append(before)
    return Reloaded(fresh, [], len(moves), None, befores)


def _replay_one(game: Game, move: Move) -> str | None:
    """Play one move again; why it cannot be played, or None."""
    if move.kind == "answer":
        if game.pending is None:
            return f": no question is waiting for '{move.text}'"
        game.answer(move.text)
        return None
    if move.kind == "topic" and move.npc is not None:
        outcome = game.discuss(move.npc, move.text)
        return None if outcome.ok else f" (ask {move.npc} about {move.text}): {outcome.text}"
    assert move.action is not None
    outcome = game.perform(move.action)
    return None if outcome.ok else f" ({move.action.key()}): {outcome.text}"


def jump(game: Game, scene: str) -> str:
    """Move the player to any scene (authors only); the reply says what happened."""
    if scene not in game.story.scenes:
        known = ", ".join(sorted(game.story.scenes))
        return f"No scene '{scene}'. Scenes: {known}"
    game.state.scene = scene
    return game.look().text


def set_value(game: Game, name: str, raw: str) -> str:
    """Set a flag (true/false) or a numeric variable (authors only)."""
    story = game.story
    if name in story.flags:
        value = raw.strip().lower() in {"1", "true", "yes", "on"}
        game.state.flags[name] = value
        return f"flag {name} = {value}"
    if name in story.vars:
        try:
            number = float(raw)
        except ValueError:
            return f"'{raw}' is not a number"
        if not number.is_integer():
            return f"'{raw}' is not a whole number; story variables are whole numbers"
        game.state.vars[name] = int(number)
        return f"var {name} = {game.state.vars[name]}"
    return f"No flag or variable named '{name}'."


def state_json(game: Game) -> str:
    """The whole GameState, pretty-printed."""
    return json.dumps(game.state.model_dump(mode="json"), indent=2, sort_keys=True)


class Authoring:
    """Author operations on a session; each returns the events to show, like a turn."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def reload(self) -> list[Problem]:
        """Reload the story file and replay this session's moves; problems (file:line) when it is invalid."""
        session = self._session
        start, moves = session.log.replay()
        result = reload_and_replay(session.game, start, moves)
        if result.game is None:
            return result.problems
        session.restart_story(result.game)
        session.log.rebase(result.befores, stopped=result.stopped_at is not None)
        if result.stopped_at is not None:
            return [Problem(str(result.game.story.source_path), 1, 1, f"replay stopped at {result.stopped_at}",
                            "warning")]
        return []

    def jump(self, scene: str) -> list[TurnEvent]:
        """Move to any scene; the session's replay starts again from there."""
        game = self._session.game
        text = jump(game, scene)
        self._session.restart(game, "jump")
        return [SystemText(text, "meta"), self._session.changed()]

    def set(self, name: str, value: str) -> list[TurnEvent]:
        """Set a flag or variable; the session's replay starts again from here."""
        game = self._session.game
        text = set_value(game, name, value)
        self._session.restart(game, "set")
        return [SystemText(text, "meta"), self._session.changed(scene_changed=False)]

    def scenes(self) -> list[tuple[str, str]]:
        """(id, "Title  (id)") for every scene, for the jump dialog."""
        scenes = self._session.game.story.scenes
        return [(scene_id, f"{scene.title}  ({scene_id})") for scene_id, scene in scenes.items()]

    def state_json(self) -> str:
        """The current GameState as JSON (the state inspector)."""
        return state_json(self._session.game)

    def changed(self) -> StateChanged:
        """The event that refreshes front ends after a reload."""
        return self._session.changed()
