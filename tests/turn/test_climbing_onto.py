"""A model's move never stands on words that climb onto a thing the rules place nowhere (off-script: no action)."""

from __future__ import annotations

from pathlib import Path

from engine.core.actions import Action
from engine.core.game import Game
from engine.story import load_story
from engine.turn.candidates import onto_a_thing

YARD = """\
format: 1
id: yard
title: The Yard
version: "1"
author: Test
start: yard
items: {}
endings: {}
scenes:
  yard:
    title: The Yard
    text: A cobbled yard. The wash house is in front of you, the lane behind.
    exits: {in: wash_house, south: lane}
  wash_house:
    title: The Wash House
    text: Tubs and a mangle. The yard is outside.
    exits: {out: yard}
  lane:
    title: The Lane
    text: A muddy lane back to the yard.
    exits: {north: yard}
"""


def _game(tmp_path: Path) -> Game:
    (tmp_path / "story.yaml").write_text(YARD, encoding="utf-8")
    return Game.new(load_story(tmp_path), seed=1)


def test_climbing_onto_part_of_a_place_is_never_the_way_in(tmp_path: Path) -> None:
    game = _game(tmp_path)
    for text in ("climb up onto the roof of the wash house", "scramble onto the top of the wash house",
                 "clamber on the wall of the lane"):
        assert onto_a_thing(game, text, Action(verb="go", obj="in")), text
        assert onto_a_thing(game, text, Action(verb="go", obj="south")), text


def test_plain_moves_and_other_readings_are_left_alone(tmp_path: Path) -> None:
    game = _game(tmp_path)
    assert not onto_a_thing(game, "go into the wash house", Action(verb="go", obj="in"))
    assert not onto_a_thing(game, "walk on to the lane", Action(verb="go", obj="south"))
    assert not onto_a_thing(game, "climb onto the roof", Action(verb="look"))
