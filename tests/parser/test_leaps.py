"""A leap goes where it lands: leaping out of a high place names no landing, so it is no move (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parser.inline_play import inline_game, key

STORY = """\
format: 1
id: loft_leaps
title: The Hay Loft
version: "1"
author: Test
start: loft
scenes:
  loft:
    title: The Hay Loft
    text: Bales are stacked under the rafters of the old barn. A ladder leads down to the yard.
    exits:
      down: yard
  yard:
    title: The Yard
    text: A muddy yard in front of the barn. Hens scratch by the trough. A ladder leads up into the loft.
    exits:
      up: loft
      east: pond_path
  pond_path:
    title: The Pond Path
    text: A path along the duck pond and the river beyond it.
    exits:
      west: yard
"""


@pytest.mark.parametrize("text", ["jump out of the loft", "leap out of the hay loft", "leap from the loft",
                                  "jump out of here"])
def test_leaping_out_of_a_high_place_is_no_move(tmp_path: Path, text: str) -> None:
    assert key(text, inline_game(tmp_path, STORY)) != "go down"


@pytest.mark.parametrize("text", ["climb down the ladder", "get out of the loft", "go down to the yard",
                                  "jump down to the yard"])
def test_going_down_by_the_way_or_to_a_landing_still_moves(tmp_path: Path, text: str) -> None:
    assert key(text, inline_game(tmp_path, STORY)) == "go down"


@pytest.mark.parametrize("text", ["jump into the pond", "jump off the wall into the river", "dive into the water",
                                  "leap in the pond"])
def test_a_leap_into_water_is_no_walk_to_the_place_named_for_it(tmp_path: Path, text: str) -> None:
    game = inline_game(tmp_path, STORY)
    assert key(text, game, "climb down the ladder") != "go east"


def test_walking_to_the_place_named_for_the_water_still_goes(tmp_path: Path) -> None:
    assert key("walk to the pond path", inline_game(tmp_path, STORY), "climb down the ladder") == "go east"
