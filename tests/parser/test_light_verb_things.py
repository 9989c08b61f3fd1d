"""A light-verb reading ("give the bell a ring" = ring the bell) must never take as its deed a word that names a
thing of the story: with a pocket watch in hand and a story verb "watch" that ends the story, "give her the watch"
ended the story (found in round 4's review). Tried with other things that are also story verbs."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.parser import parse
from tests.parser.inline_play import inline_game

GALLERY = """\
format: 1
id: gallery
title: Gallery
version: "1"
author: Test
start: gallery
items:
  pocket_watch:
    name: pocket watch
    aliases: [watch]
    description: A brass pocket watch.
    location: inventory
  fishing_float:
    name: cork float
    aliases: [float]
    description: A cork float.
    location: inventory
  bell:
    name: fog bell
    aliases: [bell]
    description: A bronze bell.
    location: gallery
    portable: false
npcs:
  maud:
    name: Maud
    description: The old keeper.
    location: gallery
scenes:
  gallery:
    title: Gallery
    text: The gallery around the lamp.
    actions:
      - verb: watch
        synonyms: [keep watch]
        text: You watch until dawn.
        effects: [end dawn]
      - verb: float
        text: You let yourself float on the thought for a while.
        effects: [end dawn]
      - verb: ring
        obj: bell
        text: The bell booms out over the water.
endings:
  dawn:
    title: Dawn
    text: The sun comes up.
"""


@pytest.fixture
def gallery(tmp_path: Path) -> Game:
    return inline_game(tmp_path, GALLERY, seed=1)


def key(text: str, game: Game) -> str | None:
    result = parse(text, game)
    return result.action.key() if result.action is not None else None


@pytest.mark.parametrize("text", [
    "give her the watch", "give maud the watch", "give the watch to maud", "hand her the watch",
    "give maud my pocket watch", "give her the float", "give the float to maud",
])
def test_a_thing_given_is_never_read_as_the_story_verb_of_the_same_name(gallery: Game, text: str) -> None:
    assert key(text, gallery) not in ("watch", "float")


@pytest.mark.parametrize(("text", "expected"), [
    ("give the bell a ring", "ring bell"),
    ("keep watch", "watch"),
    ("watch", "watch"),
])
def test_light_verbs_and_the_story_verbs_themselves_still_work(gallery: Game, text: str, expected: str) -> None:
    assert key(text, gallery) == expected
