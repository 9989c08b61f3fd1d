"""Every typed text passes the crisis detector first (reflection answers, mid-exercise, mid-disambiguation, the
note dialog, the crisis screen's own follow-up), and nothing of a crisis exchange reaches a model, the journal, a
feedback export or a save."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.selector.feedback import FeedbackStore
from engine.turn.events import CrisisShown, TurnEvent
from engine.turn.feedback_export import collect_rows, dump_rows
from engine.turn.pipeline import TurnPipeline
from game.factory import Services, build_pipeline, build_services
from tests.turn.conftest import make_settings, scripted_model

STORY = """\
format: 1
id: quay
title: The Quay
version: "1"
author: Test
start: quay
items:
  iron: {name: iron key, aliases: [key], adjectives: [iron], description: A key., location: quay}
  brass: {name: brass key, aliases: [key], adjectives: [brass], description: A bent key., location: quay}
  stone: {name: smooth stone, aliases: [stone], adjectives: [smooth], description: A stone., location: quay}
scenes:
  quay:
    title: The Quay
    text: Boats knock gently against the wall.
    exits: {north: hill}
    actions:
      - verb: hold
        obj: stone
        text: You hold the stone.
        beat: {kind: exercise, prompt: Breathe with the boats., steps: [Breathe in., Breathe out., Once more.]}
  hill:
    title: The Hill
    text: Wind moves through the grass.
    exits: {south: quay}
    beat: {kind: reflection, prompt: What would you like to remember from today?, done: Thank you.}
"""
# Words of the crisis inputs below; none may appear in anything written to disk.
SECRET = ("pills", "kill", "die", "swallowed", "life", "hurt")


@pytest.fixture
def played(tmp_path: Path, tta_home: Path) -> Iterator[tuple[TurnPipeline, Services, dict[str, ScriptedBackend]]]:
    folder = tmp_path / "quay"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    backends = {"narrator": ScriptedBackend("narrator", ["The boats knock."] * 20),
                "parser": ScriptedBackend("parser", ["look"] * 20)}
    models = {"narrator": scripted_model(narrative_generation=True), "parser": scripted_model(tool_selection=True)}
    services = build_services(settings=make_settings(models), data_dir=tta_home, backends=backends, rng_seed=1,
                              use_matcher=False)
    if services.detector.semantic is None or not services.detector.warm():
        pytest.skip("the shipped sentence model is not installed")
    pipeline = build_pipeline(services, folder, seed=1)
    list(pipeline.opening())
    yield pipeline, services, backends
    services.close()


def _crisis(events: list[TurnEvent]) -> CrisisShown | None:
    return next((e for e in events if isinstance(e, CrisisShown)), None)


def _asked(backends: dict[str, ScriptedBackend]) -> int:
    return sum(len(b.requests) for b in backends.values())


def test_a_reflection_answer_is_screened_and_never_stored(played) -> None:  # type: ignore[no-untyped-def]
    pipeline, _, backends = played
    list(pipeline.run("north"))
    assert pipeline.game.pending is not None
    asked = _asked(backends)
    shown = _crisis(list(pipeline.run("i swallowed all of my pills an hour ago")))
    assert shown is not None and shown.level == "imminent" and shown.emergency
    assert pipeline.game.pending is not None  # the beat was not answered with it
    assert "pills" not in pipeline.game.state.model_dump_json()
    assert _asked(backends) == asked


def test_mid_exercise_input_is_screened(played) -> None:  # type: ignore[no-untyped-def]
    pipeline, _, _ = played
    list(pipeline.run("hold stone"))
    assert pipeline.game.pending is not None
    shown = _crisis(list(pipeline.run("i want to kill myself")))
    assert shown is not None and shown.level == "crisis" and not shown.emergency


def test_an_answer_to_a_disambiguation_question_is_screened(played) -> None:  # type: ignore[no-untyped-def]
    pipeline, _, _ = played
    question = list(pipeline.run("take key"))
    assert _crisis(question) is None and "key" not in pipeline.game.state.inventory
    shown = _crisis(list(pipeline.run("honestly i just want to die")))
    assert shown is not None and shown.level == "crisis"
    assert pipeline.game.state.inventory == []


def test_the_note_dialog_is_screened_and_a_held_note_is_not_attached(played) -> None:  # type: ignore[no-untyped-def]
    pipeline, _, _ = played
    list(pipeline.run("north"))
    held = pipeline.screen_aside("i want to end my life")
    assert _crisis(held) is not None
    assert pipeline.screen_aside("the narration here was lovely") == []


def test_the_crisis_screens_follow_up_is_screened(played) -> None:  # type: ignore[no-untyped-def]
    pipeline, _, _ = played
    first = _crisis(list(pipeline.run("i hate myself")))
    assert first is not None and first.level == "check-in"
    # The story is paused; what the player types next still goes through the detector first.
    follow = _crisis(list(pipeline.run("i've already swallowed every one of my sleeping pills")))
    assert follow is not None and follow.level == "imminent"
    assert follow.emergency and follow.message != first.message


def test_a_split_statement_is_caught_on_its_second_input(played) -> None:  # type: ignore[no-untyped-def]
    pipeline, _, _ = played
    list(pipeline.run("i wrote the letters"))
    shown = _crisis(list(pipeline.run("they'll find them in the morning when i'm gone")))
    assert shown is not None and shown.level in {"crisis", "imminent"}


def test_nothing_of_a_crisis_exchange_is_written_anywhere(played, tta_home: Path) -> None:  # type: ignore[no-untyped-def]
    pipeline, services, backends = played
    list(pipeline.run("look"))
    asked = _asked(backends)
    for text in ["i want to kill myself", "i swallowed the pills", "2", "next", "stop", "keep playing"]:
        list(pipeline.run(text))
    assert _asked(backends) == asked
    list(pipeline.run("note: the quay felt calm"))
    list(pipeline.run("save slot1"))
    services.close()
    written = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in tta_home.rglob("*") if p.is_file())
    assert "the quay felt calm" in written  # notes of ordinary play are kept
    assert _leaked(written) == []
    rows = collect_rows(tta_home / "transcripts", FeedbackStore(tta_home / "ratings.json").ratings())
    assert _leaked(dump_rows(rows, "jsonl")) == []


def _leaked(text: str) -> list[str]:
    return [word for word in SECRET if re.search(rf"\b{word}\b", text, re.I)]
