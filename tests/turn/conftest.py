"""Fixtures for turn-pipeline tests: a tiny inline story and pipelines built by the real factory."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.settings import Settings, settings_from
from engine.turn.events import TurnEvent
from engine.turn.pipeline import TurnPipeline
from game.factory import Services, build_pipeline, build_services

STORY = """\
format: 1
id: cove
title: The Cove
version: "1"
author: Test
content_notes: [Sea and wind.]
start: beach
flags: {hut_open: false}
vars:
  calm: {initial: 1, min: 0, max: 5}
model_updates: {vars: {calm: {min: 0, max: 5, max_change: 1}}, memory: {max_length: 40}}
items:
  shell: {name: pink shell, aliases: [shell], adjectives: [pink], description: A pink shell., location: beach}
  key: {name: iron key, aliases: [key], adjectives: [iron], description: A heavy key., location: beach}
  brass: {name: brass key, aliases: [key], adjectives: [brass], description: A bent key., location: hut}
  hut: {name: hut door, aliases: [door], description: A hut door., location: beach, portable: false}
npcs:
  ana:
    name: Ana
    aliases: [fisher]
    description: Ana mends a net.
    location: hut
    talk:
      - {text: Ana smiles at you., once: true}
      - {text: Ana hums.}
endings:
  home: {title: Home, text: You walk home.}
scenes:
  beach:
    title: The Beach
    text: Pale sand and a quiet sea. A hut stands by the dunes.
    hint: The hut door wants a key.
    exits:
      in: {to: hut, when: hut_open, blocked: The hut door is locked.}
      north: road
    actions:
      - verb: unlock
        obj: hut
        target: key
        when: [has key, not hut_open]
        fail: You need a key.
        text: The lock turns with a clunk.
        effects: [set hut_open]
  hut:
    title: The Hut
    text: Nets hang from the beams. It smells of salt.
    exits: {out: beach}
  road:
    title: The Road
    text: The road leads home.
    ending: home
"""

WALK = ["take key", "unlock door with key", "in", "talk to ana", "out", "north"]


def scripted_model(**tasks: bool) -> dict[str, Any]:
    """A scripted model config suited to the given tasks."""
    mapping = {task: {"suitable": True, "quality_score": 0.8, "speed_score": 0.8} for task in tasks}
    return {"model_id": "scripted", "backend": "scripted", "source": "local", "supports_streaming": True,
            "memory_requirement": 1, "task_mapping": mapping}


def make_settings(models: dict[str, dict[str, Any]], **turn: Any) -> Settings:
    """Settings whose `test` profile holds exactly `models`; adaptive selection off unless asked."""
    return settings_from({
        "profile": "test",
        "profiles": {"test": list(models), "rules": []},
        "models": models,
        "selector": {"adaptive": {"enabled": False}, "breaker": {"failures_to_open": 2, "cooldown_s": 600}},
        "turn": {"state_update": False, **turn},
    })


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """The tiny story on disk."""
    folder = tmp_path / "cove"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder


Build = Callable[..., tuple[TurnPipeline, Services]]


@pytest.fixture
def build(story_dir: Path, tta_home: Path) -> Iterable[Build]:
    """Build a pipeline through the real factory with the given scripted backends."""
    made: list[Services] = []

    def _build(settings: Settings, backends: dict[str, ScriptedBackend] | None = None,
               seed: int = 1) -> tuple[TurnPipeline, Services]:
        services = build_services(settings=settings, data_dir=tta_home, backends=backends or {},
                                  rng_seed=seed, use_matcher=False)
        made.append(services)
        pipeline = build_pipeline(services, story_dir, seed=seed)
        list(pipeline.opening())
        return pipeline, services

    yield _build
    for services in made:
        services.close()


def play(pipeline: TurnPipeline, text: str) -> list[TurnEvent]:
    """All events of one turn."""
    return list(pipeline.run(text))
