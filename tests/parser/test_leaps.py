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
"""


@pytest.mark.parametrize("text", ["jump out of the loft", "leap out of the hay loft", "leap from the loft",
                                  "jump out of here"])
def test_leaping_out_of_a_high_place_is_no_move(tmp_path: Path, text: str) -> None:
    assert key(text, inline_game(tmp_path, STORY)) != "go down"


@pytest.mark.parametrize("text", ["climb down the ladder", "get out of the loft", "go down to the yard",
                                  "jump down to the yard"])
def test_going_down_by_the_way_or_to_a_landing_still_moves(tmp_path: Path, text: str) -> None:
    assert key(text, inline_game(tmp_path, STORY)) == "go down"
