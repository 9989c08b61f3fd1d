"""Fixtures for the understanding regressions: a small ferry story with the shapes the findings need."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.story import Story, load_story

FERRY = """\
format: 1
id: ferry
title: The Night Ferry
version: "1"
author: Test
start: quay
flags: {ticket_shown: false, stub_returned: false, door_free: false}
vars: {calm: {initial: 1, min: 0, max: 5}}
model_updates: {vars: {calm: {min: 0, max: 5, max_change: 1}}, memory: {max_length: 80}}
items:
  ferry_ticket:
    name: ferry ticket
    aliases: [ticket]
    adjectives: [white, ferry]
    description: Your ticket, a little crumpled.
    location: inventory
  pink_stub:
    name: pink ticket stub
    aliases: [ticket, stub]
    adjectives: [pink, torn]
    description: A pink ticket stub with a child's name on it.
    location: quay
  rope:
    name: coil of rope
    aliases: [rope, coil]
    description: Wet rope.
    location: quay
    portable: false
  shed_door:
    name: shed door
    aliases: [door]
    adjectives: [green, shed]
    description: A green door, swollen with damp.
    location: quay
    portable: false
  oil_can:
    name: oil can
    aliases: [can, oil]
    adjectives: [dented]
    description: A dented can.
    location: quay
    here: On the bollard sits a dented oil can.
  lantern:
    name: lantern
    aliases: [lamp]
    adjectives: [red, hanging]
    description: A red lantern.
    location: deck
    portable: false
    here:
      - {when: calm >= 3, text: The red lantern glows steadily.}
      - {text: The red lantern swings in the wind.}
npcs:
  girl:
    name: Ines
    aliases: [girl, child]
    adjectives: [small]
    description: A small girl in a blue coat.
    location: quay
    notes:
      - {when: stub_returned, text: She is holding her ticket tightly now.}
    talk:
      - {text: '"I lost my ticket," she says.'}
  joss:
    name: Joss
    aliases: [deckhand, sailor]
    description: The deckhand, arms folded.
    location: quay
    talk:
      - {text: '"Ticket, please," says Joss.'}
actions:
  - verb: breathe
    synonyms: [rest, pause]
    text: You breathe out slowly.
scenes:
  quay:
    title: The Quay
    text: A wet stone quay. The ferry waits at the end of a ramp.
    exits:
      north: {to: deck, when: ticket_shown, blocked: "Joss blocks the ramp. 'Ticket first.'"}
      west: {to: shed, when: door_free, blocked: The shed door is stuck fast., closed: "west, the stuck shed door"}
      east: {to: beach, when: door_free}
      south: lane
    actions:
      - verb: show
        synonyms: [give, hand]
        obj: ferry_ticket
        target: joss
        when: has ferry_ticket
        text: Joss glances at your ticket and steps aside.
        effects: [set ticket_shown]
      - verb: give
        synonyms: [return, hand]
        obj: pink_stub
        target: girl
        when: has pink_stub
        text: Ines takes the stub and beams.
        effects: [remove pink_stub, set stub_returned]
      - verb: board
        synonyms: [embark]
        when: ticket_shown
        fail: You need to show your ticket first.
        text: You walk up the ramp and aboard.
        effects: [goto deck]
  lane:
    title: The Lane
    text: A narrow lane behind the harbour.
    exits: {north: quay}
  shed:
    title: The Shed
    text: A shed.
    exits: {east: quay}
  beach:
    title: The Beach
    text: Sand.
    exits: {west: quay}
  deck:
    title: The Deck
    text: The ferry's open deck. Waves slap the hull.
    exits:
      south: quay
      down: cabin
  cabin:
    title: The Cabin
    text: A warm cabin with benches.
    exits: {up: deck, out: deck}
"""


@pytest.fixture
def ferry_dir(tmp_path: Path) -> Path:
    """The ferry story on disk."""
    folder = tmp_path / "ferry"
    folder.mkdir()
    (folder / "story.yaml").write_text(FERRY, encoding="utf-8")
    return folder


@pytest.fixture
def ferry(ferry_dir: Path) -> Story:
    return load_story(ferry_dir)


@pytest.fixture
def new_game(ferry: Story) -> Callable[..., Game]:
    """A fresh game of the ferry story, optionally at a scene."""

    def start(scene: str | None = None) -> Game:
        return Game.new(ferry, seed=3, scene=scene)

    return start
