"""Helpers for parser tests on inline stories: build the game, play moves, read what a line parses to."""

from __future__ import annotations

from pathlib import Path

from engine.core.game import Game
from engine.parser import parse
from engine.story import load_story


def inline_game(folder: Path, story_yaml: str, seed: int = 1) -> Game:
    """A new game of the story written out as `story.yaml` in `folder`."""
    (folder / "story.yaml").write_text(story_yaml, encoding="utf-8")
    return Game.new(load_story(folder), seed=seed)


def key(text: str, game: Game, *moves: str) -> str | None:
    """The action key `text` parses to after performing `moves` (each must be understood and succeed)."""
    for move in moves:
        result = parse(move, game)
        assert result.action is not None and game.perform(result.action).ok, move
    result = parse(text, game)
    return result.action.key() if result.kind == "action" and result.action is not None else None
