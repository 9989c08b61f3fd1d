"""The bundled story's walkthrough played through a whole pipeline, and the state only the engine decides:
shared by the tests that check play on models (embedded, llama.cpp, served) ends as on rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.core.game import Game
from engine.story.loader import bundled_stories_root
from game.bench.turns_bench import walkthrough_commands
from game.factory import Services, build_pipeline, build_services

SAMPLE = bundled_stories_root() / "lantern_house"
ENDING = "light_returns"
"""Where the walkthrough of SAMPLE ends."""


def authoritative(game: Game) -> dict[str, Any]:
    """The state the engine alone decides: everything except the variables and memory models may propose."""
    state = game.state.model_dump()
    for name in game.story.model_updates.vars:
        state["vars"].pop(name, None)
    state.pop("memory", None)
    return state


def play_walkthrough(services: Services, story: Path = SAMPLE, seed: int = 11) -> Game:
    """Play the story's walkthrough; pending state updates land before the game is returned."""
    pipeline = build_pipeline(services, story, seed=seed)
    list(pipeline.opening())
    for line in walkthrough_commands(story):
        list(pipeline.run(line))
    pipeline.session.drain()
    return pipeline.game


def rules_walkthrough(data_dir: Path, story: Path = SAMPLE) -> Game:
    """The same walkthrough on the rules profile (no models): the state the others must end in."""
    services = build_services(profile="rules", data_dir=data_dir, rng_seed=5)
    try:
        return play_walkthrough(services, story)
    finally:
        services.close()
