"""Fixtures for engine tests: a tiny inline story written to a temp folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.story import Story, load_story

TINY = """\
format: 1
id: tiny
title: Tiny
version: "1"
author: Test
start: hall
flags: {door_open: false}
vars: {trust: {initial: 0, min: 0, max: 3}}
model_updates: {vars: {trust: {min: 0, max: 3, max_change: 1}}, memory: {max_length: 20}}
items:
  red_key: {name: red key, aliases: [key], adjectives: [red, small], description: A red key., location: hall}
  blue_key: {name: blue key, aliases: [key], adjectives: [blue], description: A blue key., location: hall}
  door: {name: door, description: A plain door., location: hall, portable: false}
  coin: {name: gold coin, aliases: [coin], description: Shiny., location: garden}
npcs:
  sam:
    name: Sam
    aliases: [gardener]
    description: Sam leans on a rake.
    location: garden
    talk:
      - {text: Hello there., effects: ["trust += 1"], once: true}
      - {text: Nice day.}
endings:
  out: {title: Out, text: You are out.}
scenes:
  hall:
    title: Hall
    text: A hall.
    exits:
      north: {to: garden, when: door_open, blocked: The door is locked.}
    actions:
      - verb: unlock
        obj: door
        target: red_key
        when: [has red_key, not door_open]
        fail: You need the right key.
        text: Click.
        effects: [set door_open]
  garden:
    title: Garden
    text: A garden.
    exits: {south: hall, east: gate}
    beat: {kind: mood, prompt: "How are you?"}
    actions:
      - verb: rest
        text: You rest.
        beat: {kind: exercise, prompt: Breathe., steps: [In., Out.], done: Well done.}
      - verb: ponder
        text: You ponder.
        beat: {kind: reflection, prompt: "What matters?"}
  gate:
    title: Gate
    text: The gate.
    ending: out
"""


@pytest.fixture
def write_story(tmp_path: Path) -> Callable[[str], Path]:
    """Write YAML text as tmp/<n>/story.yaml and return the folder."""
    counter = iter(range(1000))

    def write(text: str) -> Path:
        folder = tmp_path / f"story{next(counter)}"
        folder.mkdir()
        (folder / "story.yaml").write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def tiny(write_story: Callable[[str], Path]) -> Story:
    return load_story(write_story(TINY))


@pytest.fixture
def game(tiny: Story) -> Game:
    return Game.new(tiny, seed=7)


@pytest.fixture
def tiny_text() -> str:
    """The tiny story's YAML, for tests that break it on purpose."""
    return TINY
