"""One host loop: story tests and the engine bench play through the players' pipeline, rules only, and the
replies where the two old loops disagreed are now one."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.core.rules.verbs import HELP_TEXT
from engine.inference.backends.scripted import ScriptedBackend
from engine.safety import DISCLAIMER
from engine.story import load_story
from engine.story.loader import bundled_stories_root
from engine.storytest.runner import shown_text
from engine.turn import parse_step
from engine.turn.events import CrisisShown, GroundingDone, GroundingStep, StateChanged, SystemText, TurnDone
from game.bench.turns_bench import walkthrough_commands
from game.factory import build_pipeline, build_services, rules_pipelines
from tests.turn.conftest import Build, make_settings, play, scripted_model

SAMPLE = bundled_stories_root() / "lantern_house"


def test_rules_only_pipeline_starts_no_thread_and_writes_nothing(tta_home: Path) -> None:
    threads = threading.active_count()
    pipeline = rules_pipelines()(Game.new(load_story(SAMPLE), seed=7))
    list(pipeline.opening())
    for line in walkthrough_commands(SAMPLE):
        list(pipeline.run(line))
    pipeline.close()
    assert pipeline.game.ended is not None and pipeline.models is None
    assert threading.active_count() == threads
    assert list(tta_home.iterdir()) == []


def test_story_tests_see_what_players_see(tta_home: Path) -> None:
    services = build_services(profile="rules", data_dir=tta_home, rng_seed=7)
    player = build_pipeline(services, SAMPLE, seed=7)
    tester = rules_pipelines()(Game.new(load_story(SAMPLE), seed=7))
    try:
        # Only the player's first run adds the statement about what TTA is.
        assert shown_text(player.opening()).replace(DISCLAIMER + "\n\n", "") == shown_text(tester.opening())
        for line in [*walkthrough_commands(SAMPLE)[:12], "help", "inventory", "hint", "transcript", "undo"]:
            assert shown_text(player.run(line)) == shown_text(tester.run(line)), line
    finally:
        services.close()


def test_one_help_text_one_inventory_reply_one_quit_vocabulary(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    assert [e.text for e in play(pipeline, "help") if isinstance(e, SystemText)] == [HELP_TEXT]
    play(pipeline, "take key")
    replies = [e.text for e in play(pipeline, "i") if isinstance(e, SystemText)]
    assert replies == ["You are carrying an iron key."]
    for word in ["quit", "q", "exit", "bye"]:
        done = [e for e in play(pipeline, word) if isinstance(e, TurnDone)]
        assert done[-1].quit, word


def test_state_events_carry_a_view_of_the_state(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    changed = [e for e in play(pipeline, "take key") if isinstance(e, StateChanged)][-1]
    assert changed.view.title == "The Beach" and changed.view.inventory == ("iron key",)
    assert dict(changed.view.exits) == {"north": "The Road"}


def test_a_waiting_beat_reads_the_words_once(build: Build, story_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    text = (story_dir / "story.yaml").read_text().replace(
        "    exits: {out: beach}\n", "    exits: {out: beach}\n    beat: {kind: mood, prompt: \"How are you?\"}\n")
    (story_dir / "story.yaml").write_text(text)
    parser = ScriptedBackend("parser", ["take the iron key"] * 3)
    settings = make_settings({"parser": scripted_model(tool_selection=True)}, narrate=False)
    pipeline, _ = build(settings, {"parser": parser})
    for line in ["take key", "unlock door with key", "in"]:
        play(pipeline, line)
    assert pipeline.game.pending is not None
    calls: list[str] = []
    real = parse_step.parse

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parse_step, "parse", counting)
    # Not an answer and not a command: the beat asks again, and no model is asked to read it.
    again = play(pipeline, "hmm, hard to say")
    assert calls == ["hmm, hard to say"] and parser.requests == []
    assert "number from 1 to 5" in shown_text(again)
    # A clear command moves on past the beat, read once.
    play(pipeline, "out")
    assert calls == ["hmm, hard to say", "out"] and pipeline.game.state.scene == "beach"


def test_a_refused_misreading_without_a_matcher_keeps_the_engines_reason(build: Build) -> None:
    parser = ScriptedBackend("parser", ["take the iron key"])
    pipeline, _ = build(make_settings({"parser": scripted_model(tool_selection=True)}, narrate=False),
                        {"parser": parser})
    play(pipeline, "take shell")
    events = play(pipeline, "unlock door with shell")
    assert "You can't unlock the hut door just now." in shown_text(events)
    assert parser.requests == [] and pipeline.game.state.inventory == ["shell"]


def test_crisis_options_carry_ids_and_the_engine_runs_the_exercise(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    shown = [e for e in play(pipeline, "i want to kill myself") if isinstance(e, CrisisShown)][0]
    assert [o.id for o in shown.options] == ["keep_playing", "grounding", "quit"]
    first = [e for e in play(pipeline, "grounding") if isinstance(e, GroundingStep)]
    assert first and first[0].step == 1 and first[0].total >= 5
    second = [e for e in play(pipeline, "next") if isinstance(e, GroundingStep)]
    assert second and second[0].step == 2
    done = [e for e in play(pipeline, "stop") if isinstance(e, GroundingDone)]
    assert done and [o.id for o in done[0].options] == ["keep_playing", "grounding", "quit"]
    resumed = play(pipeline, "keep_playing")
    assert any(isinstance(e, StateChanged) for e in resumed)
    play(pipeline, "take key")
    assert "key" in pipeline.game.state.inventory
