"""A gate or door that is another way's own is that way, never the way in (an outside author's playground)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.parser import parse
from engine.story import load_story

YARD = """\
format: 1
id: yard
title: The Yard
version: "1"
author: Test
start: yard
flags: {gate_open: false}
items:
  gate:
    name: iron gate
    aliases: [gate]
    description: A tall iron gate onto the lane, chained shut.
    location: yard
    portable: false
scenes:
  yard:
    title: The Yard
    text: A cobbled yard behind the chapel. The iron gate stands between you and the lane.
    exits:
      in: chapel
      south:
        to: lane
        when: gate_open
        blocked: The gate is chained shut.
  chapel:
    title: The Chapel
    text: Pews and candles.
    exits: {out: yard}
  lane:
    title: The Lane
    text: A muddy lane.
    exits: {north: yard}
"""


@pytest.mark.parametrize("text", ["go through the gate", "walk out through the iron gate", "head through the gate"])
def test_through_the_gate_of_another_way_is_that_way(tmp_path: Path, text: str) -> None:
    (tmp_path / "story.yaml").write_text(YARD, encoding="utf-8")
    game = Game.new(load_story(tmp_path), seed=1)
    result = parse(text, game)
    assert result.action is not None and result.action.key() == "go south", text
    assert not game.perform(result.action).ok  # the way's own refusal: the gate is chained
