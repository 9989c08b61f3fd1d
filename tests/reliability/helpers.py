"""Shared pieces for the fault tests: a tiny story, a scripted narrator, pipelines from the real factory,
and a full disk injected at the one write layer (engine/saves/diskio.py)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.saves import diskio
from engine.settings import Settings, settings_from
from engine.turn.events import TurnEvent
from engine.turn.pipeline import TurnPipeline
from game.factory import Services, build_pipeline, build_services

STORY = """\
format: 1
id: pond
title: The Pond
version: "1"
author: Test
start: bank
items:
  stone: {name: flat stone, aliases: [stone], description: A flat grey stone., location: bank}
  reed: {name: green reed, aliases: [reed], description: A green reed bends in the wind., location: bank}
endings:
  home: {title: Home, text: You walk home.}
scenes:
  bank:
    title: The Bank
    text: A quiet pond with a flat stone and a green reed on its bank.
    exits: {north: path}
  path:
    title: The Path
    text: A path leads home.
    exits: {south: bank, north: road}
  road:
    title: The Road
    text: The road home.
    ending: home
"""

NARRATION = "The flat stone is cool and grey by the quiet pond."
MOVES = ["x stone", "x reed"]


def write_story(folder: Path) -> Path:
    """The tiny story as a story folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder


def narrator_settings(**turn: Any) -> Settings:
    """One scripted narrator, adaptive learning on (so ratings are stored and learnt), no state updates."""
    model = {"model_id": "scripted", "backend": "scripted", "source": "local", "supports_streaming": True,
             "memory_requirement": 1,
             "task_mapping": {"narrative_generation": {"suitable": True, "quality_score": 0.8, "speed_score": 0.8}}}
    return settings_from({"profile": "test", "profiles": {"test": ["narrator"], "rules": []},
                          "models": {"narrator": model}, "turn": {"state_update": False, **turn}})


def services_for(home: Path, settings: Settings | None = None, outputs: int = 400) -> Services:
    """Services on `home` with a scripted narrator that has `outputs` lines queued."""
    backend = ScriptedBackend("narrator", [NARRATION] * outputs)
    return build_services(settings=settings or narrator_settings(), data_dir=home,
                          backends={"narrator": backend}, rng_seed=1, use_matcher=False)


def pipeline_for(services: Services, story: Path, resume: bool = False) -> tuple[TurnPipeline, list[TurnEvent]]:
    """A pipeline through the real factory, and its opening events."""
    pipeline = build_pipeline(services, story, seed=1, resume=resume)
    return pipeline, list(pipeline.opening())


def texts(events: Iterable[TurnEvent]) -> list[str]:
    """The player-visible text of the events."""
    return [str(getattr(event, "text", "") or getattr(event, "message", "")) for event in events]


def said(events: Iterable[TurnEvent]) -> str:
    """All visible text of the events as one string."""
    return "\n".join(texts(events))


class FullDisk:
    """Makes every user-data write fail with ENOSPC after `room` bytes, as a full disk does (the bytes
    that fit are really written, so a cut record is possible)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.full = False
        self.room = 0
        self.refused = 0
        real = diskio.write_all

        def write_all(fd: int, data: bytes) -> None:
            if not self.full:
                real(fd, data)
                return
            self.refused += 1
            if self.room:
                os.write(fd, data[: self.room])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(diskio, "write_all", write_all)
