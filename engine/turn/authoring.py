"""Author mode: reload the story and replay the session's moves to where the author was; jump; set values."""

from __future__ import annotations

import json
from dataclasses import dataclass

from engine.core.game import Game
from engine.story import StoryError, load_story, validate_story
from engine.turn.replay import ReplayLog
from engine.yamlpos import Problem


@dataclass
class Reloaded:
    """A reload's result: the new game (None when the story has errors), problems, and replay progress."""

    game: Game | None
    problems: list[Problem]
    replayed: int
    stopped_at: str | None = None


def reload_and_replay(game: Game, log: ReplayLog) -> Reloaded:
    """Load the story file again; if it is valid, replay every move from the session's start state."""
    source = game.story.source_path
    problems = [p for p in validate_story(source) if p.severity == "error"]
    if problems:
        return Reloaded(None, problems, 0)
    try:
        story = load_story(source)
    except StoryError as exc:
        return Reloaded(None, list(exc.problems), 0)
    start = log.start.model_copy(deep=True)
    if start.scene not in story.scenes:
        start.scene = story.start
    fresh = Game.from_state(story, start)
    for count, move in enumerate(log.moves):
        if move.kind == "answer":
            if fresh.pending is None:
                return Reloaded(fresh, [], count, f"move {count + 1}: no question is waiting for '{move.text}'")
            fresh.answer(move.text)
            continue
        assert move.action is not None
        outcome = fresh.perform(move.action)
        if not outcome.ok:
            return Reloaded(fresh, [], count, f"move {count + 1} ({move.action.key()}): {outcome.text}")
    return Reloaded(fresh, [], len(log.moves))


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
        game.state.vars[name] = int(number) if number.is_integer() else number
        return f"var {name} = {game.state.vars[name]}"
    return f"No flag or variable named '{name}'."


def state_json(game: Game) -> str:
    """The whole GameState, pretty-printed."""
    return json.dumps(game.state.model_dump(mode="json"), indent=2, sort_keys=True)
