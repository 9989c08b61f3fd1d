"""A model's reading acts only when the player's words do not contradict it: "turn the lamp off" never switches
it on, and words to a character that are not a request to talk never run the character's talk with effects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.core.rules.known import known_actions
from engine.inference.backends.scripted import ScriptedBackend
from engine.story import load_story
from engine.turn.candidates import contradicts, explicit
from engine.turn.pipeline import TurnPipeline
from game.factory import Services, build_pipeline, build_services
from tests.turn.conftest import make_settings, scripted_model

STUDY = """\
format: 1
id: study
title: The Study
version: "1"
author: Test
start: study
flags: {lamp_on: false, told: false}
items:
  desk_lamp:
    name: desk lamp
    aliases: [lamp, light]
    adjectives: [desk, green]
    description: A green desk lamp.
    location: study
    portable: false
npcs:
  wren:
    name: Wren
    aliases: [archivist, woman]
    description: The archivist, sorting papers.
    location: study
    talk:
      - {text: '"The key is under the mat," Wren says.', effects: [set told]}
scenes:
  study:
    title: The Study
    text: A small study full of papers.
    exits: {out: hall}
    actions:
      - verb: switch on
        synonyms: [turn on]
        obj: desk_lamp
        when: not lamp_on
        text: The lamp clicks on.
        effects: [set lamp_on]
  hall:
    title: The Hall
    text: A bare hall.
    exits: {in: study}
"""


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "story.yaml").write_text(STUDY, encoding="utf-8")
    return folder


@pytest.fixture
def pipeline_for(tmp_path: Path, story_dir: Path) -> Iterator[object]:
    made: list[Services] = []

    def build(*outputs: str) -> TurnPipeline:
        parser = ScriptedBackend("parser", list(outputs))
        settings = make_settings({"parser": scripted_model(tool_selection=True)}, narrate=False)
        made.append(build_services(settings=settings, data_dir=tmp_path / f"home{len(made)}",
                                   backends={"parser": parser}, rng_seed=1, use_matcher=False))
        pipeline = build_pipeline(made[-1], story_dir, seed=1)
        list(pipeline.opening())
        return pipeline

    yield build
    for done in made:
        done.close()


def test_a_reading_the_words_contradict_changes_nothing(pipeline_for) -> None:  # type: ignore[no-untyped-def]
    for line in ("could the desk lamp be turned off", "flick the green light off", "put out that light"):
        pipeline = pipeline_for("switch on the desk lamp")
        list(pipeline.run(line))
        assert pipeline.game.state.flags["lamp_on"] is False, line


def test_the_same_reading_without_a_contradiction_acts(pipeline_for) -> None:  # type: ignore[no-untyped-def]
    pipeline = pipeline_for("switch on the desk lamp")
    list(pipeline.run("brighten things up with the lamp, switch it on"))
    assert pipeline.game.state.flags["lamp_on"] is True


def test_words_to_a_character_are_not_a_request_for_its_talk(pipeline_for) -> None:  # type: ignore[no-untyped-def]
    pipeline = pipeline_for("talk to Wren")
    list(pipeline.run("let wren know her filing looks lovely"))
    assert pipeline.game.state.flags["told"] is False


def test_contradiction_and_explicit_wording_on_the_known_actions(story_dir: Path) -> None:
    game = Game.new(load_story(story_dir), seed=1)
    known = {k.action.key(): k for k in known_actions(game.story, game.state)}
    lamp, talk = known["switch on desk_lamp"], known["talk wren"]
    assert contradicts("turn the lamp off", lamp) and contradicts("put out the light", lamp)
    assert not contradicts("turn on the lamp", lamp) and not contradicts("switch the lamp on", lamp)
    assert not explicit(game, "say something nice to wren", talk, lasting=True)
    assert explicit(game, "have a quick chat with wren", talk, lasting=True)
    assert explicit(game, "switch the green lamp on", lamp, lasting=True)
