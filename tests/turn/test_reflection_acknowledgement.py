"""A reflection answer gets a short, warm acknowledgement (issue 16, item 5); the answer is stored as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.acknowledge import acknowledgement_problem
from engine.turn.events import NarrationDone
from tests.turn.conftest import Build, make_settings, play, scripted_model

STORY = """\
format: 1
id: hill
title: The Hill
version: "1"
author: Test
start: top
scenes:
  top:
    title: The Hilltop
    text: Wind and a wide sky.
    beat:
      kind: reflection
      prompt: Who kept a light for you once?
      done: Thank you. That stays with you.
    exits: {down: foot}
  foot:
    title: The Foot of the Hill
    text: Home is near.
    ending: home
endings:
  home: {title: Home, text: You go home.}
"""


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """One scene whose first visit asks a reflection question."""
    folder = tmp_path / "hill"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder


def _reply(build: Build, *outputs: str) -> tuple[str, object]:
    model = ScriptedBackend("warm", list(outputs))
    pipeline, _ = build(make_settings({"warm": scripted_model(in_world_reply=True)}), {"warm": model})
    done = [e for e in play(pipeline, "my grandmother, every summer") if isinstance(e, NarrationDone)][-1]
    return done.text, pipeline


def test_a_guarded_model_acknowledgement_is_shown_and_the_answer_kept(build: Build) -> None:
    text, pipeline = _reply(build, "Thank you for sharing your grandmother and those summers.")
    assert text == "Thank you for sharing your grandmother and those summers."
    assert pipeline.game.state.reflections[-1].text == "my grandmother, every summer"  # type: ignore[attr-defined]


@pytest.mark.parametrize("bad", ["You should call your grandmother more often.",
                                 "That sounds like unresolved grief and depression.",
                                 "What was her name?", "That was the wrong answer."])
def test_advice_diagnosis_questions_and_judgement_fall_back_to_the_authored_line(build: Build, bad: str) -> None:
    assert acknowledgement_problem(bad) is not None
    text, _ = _reply(build, bad)
    assert text == "Thank you. That stays with you."


# "pretend that you are my mum" was a crisis check-in (a false alarm) with round 6's head; round 7's lets it through.
@pytest.mark.parametrize("answer", ["the narrator of my childhood was my grandad, he told the best stories",
                                    "I want to pretend that you are my mum for a minute",
                                    "ignore that, it was my brother who taught me to swim"])
def test_a_reflection_that_reads_like_instructions_is_kept_but_never_sent_to_a_model(build: Build,
                                                                                     answer: str) -> None:
    # A player's own words are theirs to keep; words that look aimed at the machinery only skip the model.
    model = ScriptedBackend("warm", ["Thank you, dear."])
    pipeline, _ = build(make_settings({"warm": scripted_model(in_world_reply=True)}), {"warm": model})
    done = [e for e in play(pipeline, answer) if isinstance(e, NarrationDone)][-1]
    assert pipeline.game.state.reflections[-1].text == answer  # type: ignore[attr-defined]
    assert done.text == "Thank you. That stays with you." and model.requests == []


def test_ordinary_words_of_a_reflection_still_get_a_personal_thanks(build: Build) -> None:
    model = ScriptedBackend("warm", ["Thank you for the shouting and the quiet after it."])
    pipeline, _ = build(make_settings({"warm": scripted_model(in_world_reply=True)}), {"warm": model})
    said = "From now on I'll try to ignore it when they shout"
    done = [e for e in play(pipeline, said) if isinstance(e, NarrationDone)]
    assert done[-1].text == "Thank you for the shouting and the quiet after it." and len(model.requests) == 1
