"""Deeds with no object: the author's word for one of them means it, and a question between them names each."""

from __future__ import annotations

from pathlib import Path

from engine.core.actions import Action
from engine.parser import parse
from engine.parser.result import question
from tests.parser.inline_play import inline_game

STORY = """\
format: 1
id: dusk_bench
title: The Bench at Dusk
version: "1"
author: Test
start: bench
scenes:
  bench:
    title: The Bench
    text: A bench at the top of the orchard, looking west over the valley. The sun is going down.
    exits: {down: rows}
    actions:
      - verb: watch
        synonyms: [watch the sunset, wait, stay a while]
        text: You stay and watch the sun go down over the valley.
      - verb: hum
        synonyms: [hum a tune]
        text: You hum something your grandmother used to sing.
  rows:
    title: The Orchard Rows
    text: Rows of old apple trees. A path climbs up to the bench.
    exits: {up: bench}
"""


def test_a_word_the_author_gave_a_deed_means_that_deed(tmp_path: Path) -> None:
    game = inline_game(tmp_path, STORY)
    for text in ("wait", "stay a while", "watch the sunset"):
        result = parse(text, game)
        assert result.kind == "action" and result.action is not None and result.action.verb == "watch", text


def test_a_question_between_deeds_without_objects_names_each(tmp_path: Path) -> None:
    game = inline_game(tmp_path, STORY)
    asked = question(game, "What do you want to do", [Action(verb="watch"), Action(verb="hum")])
    assert asked.question is not None and ", ?" not in asked.question
    assert "watch" in asked.question and "hum" in asked.question
