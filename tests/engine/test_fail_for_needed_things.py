"""A thing the action's own `when` says the player must have ("has tea") but that is not here gets the author's
`fail:` text, not "You don't see ... here": the author foresaw exactly that case (found by an outside author)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.actions import Action
from engine.core.game import Game
from engine.story import load_story

KITCHEN = """\
format: 1
id: kitchen
title: Kitchen
version: "1"
author: Test
start: kitchen
items:
  tea:
    name: mug of tea
    aliases: [tea, mug]
    description: Hot tea.
  biscuit:
    name: ginger biscuit
    aliases: [biscuit]
    description: A biscuit.
    location: pantry
  spoon:
    name: silver spoon
    aliases: [spoon]
    description: A spoon.
    location: pantry
npcs:
  teo:
    name: Teo
    description: The engineer.
    location: kitchen
scenes:
  kitchen:
    title: Kitchen
    text: A warm kitchen.
    exits: {east: pantry}
    actions:
      - verb: give
        obj: tea
        target: teo
        when: has tea
        fail: You'd need to make the tea first.
        text: Teo smiles.
        effects: [end thanks]
      - verb: give
        obj: biscuit
        target: teo
        when: [has biscuit, has spoon]
        fail: Teo would like a biscuit, and a spoon for his tea.
        text: Teo dunks it.
      - verb: stir
        obj: spoon
        fail: The spoon is in the pantry.
        text: You stir.
  pantry:
    title: Pantry
    text: Shelves.
    exits: {west: kitchen}
endings:
  thanks:
    title: Thanks
    text: Teo is grateful.
"""


@pytest.fixture
def game(tmp_path: Path) -> Game:
    (tmp_path / "story.yaml").write_text(KITCHEN, encoding="utf-8")
    return Game.new(load_story(tmp_path), seed=1)


def test_a_thing_not_yet_made_gets_the_authors_words(game: Game) -> None:
    before = game.state.model_dump()
    outcome = game.perform(Action(verb="give", obj="tea", target="teo"))
    assert not outcome.ok and outcome.text == "You'd need to make the tea first."
    assert game.state.model_dump() == before


def test_a_needed_thing_left_in_another_room_gets_them_too(game: Game) -> None:
    outcome = game.perform(Action(verb="give", obj="biscuit", target="teo"))
    assert not outcome.ok and outcome.text == "Teo would like a biscuit, and a spoon for his tea."


def test_a_missing_thing_the_when_does_not_name_is_still_said_plainly(game: Game) -> None:
    # `stir spoon` has no `has spoon` condition: the author did not foresee the spoon being elsewhere.
    outcome = game.perform(Action(verb="stir", obj="spoon"))
    assert not outcome.ok and "don't see" in outcome.text
