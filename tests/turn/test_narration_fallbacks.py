"""Narration: streamed sentence by sentence; exceptions, hangs and unfaithful text fall back and are recorded."""

from __future__ import annotations

import time

from engine.inference.backends.scripted import Hang, ScriptedBackend
from engine.turn.events import NarrationDelta, NarrationDone, TurnDone
from tests.turn.conftest import Build, make_settings, play, scripted_model


def _narrator(build: Build, *outputs: object, **turn: object) -> tuple:
    narrator = ScriptedBackend("narrator", list(outputs))
    settings = make_settings({"narrator": scripted_model(narrative_generation=True)}, **turn)
    pipeline, services = build(settings, {"narrator": narrator})
    return pipeline, services, narrator


def _failures(services: object, model: str) -> dict[str, int]:
    rows = [r for r in services.selector.stats() if r.model == model and r.task == "narrative_generation"]
    return rows[0].failures if rows else {}


def test_faithful_narration_streams_in_several_messages(build: Build) -> None:
    pipeline, _, _ = _narrator(build, "You take the iron key. It is heavy in your hand. The key is cold.")
    events = play(pipeline, "take key")
    deltas = [e for e in events if isinstance(e, NarrationDelta)]
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert len(deltas) >= 2
    assert deltas[-1].text_so_far == done.text and done.source == "model"


def test_model_exception_falls_back_to_authored_and_is_recorded(build: Build) -> None:
    pipeline, services, _ = _narrator(build, RuntimeError("CUDA fell over"))
    events = play(pipeline, "take key")
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert done.source == "authored" and "iron key" in done.text
    assert _failures(services, "narrator").get("exception") == 1
    assert "key" in pipeline.game.state.inventory


def test_hang_times_out_and_nothing_stalls(build: Build) -> None:
    pipeline, services, _ = _narrator(build, Hang(30), narration_timeout_s=0.5)
    started = time.monotonic()
    events = play(pipeline, "take key")
    assert time.monotonic() - started < 10
    assert [e for e in events if isinstance(e, NarrationDone)][-1].source == "authored"
    assert _failures(services, "narrator").get("timeout") == 1


def test_unfaithful_or_ungrounded_text_is_never_shown(build: Build) -> None:
    pipeline, services, _ = _narrator(
        build,
        "I remember my grandmother's kitchen in Paris. It was lovely.",
        "You take the iron key. Ana hands you a golden sword from the dragon's hoard.",
    )
    first = play(pipeline, "x shell")
    assert [e for e in first if isinstance(e, NarrationDone)][-1].source == "authored"
    assert not [e for e in first if isinstance(e, NarrationDelta)]
    second = play(pipeline, "take key")
    shown = " ".join(e.delta for e in second if isinstance(e, NarrationDelta))
    assert "sword" not in shown and "Ana" not in shown
    assert _failures(services, "narrator").get("invalid") == 1


def test_guard_blocks_harmful_text(build: Build) -> None:
    pipeline, services, _ = _narrator(build, "You should hurt yourself with the key. Nobody can help you.")
    events = play(pipeline, "take key")
    assert not [e for e in events if isinstance(e, NarrationDelta)]
    assert _failures(services, "narrator").get("guard") == 1


def test_breaker_then_rules_keeps_the_game_playing(build: Build) -> None:
    pipeline, _, narrator = _narrator(build, RuntimeError("a"), RuntimeError("b"))
    play(pipeline, "x shell")
    play(pipeline, "x key")
    events = play(pipeline, "take key")  # breaker open: rules narrate, no call made
    assert narrator.pending == 0 and len(narrator.requests) == 2
    assert [e for e in events if isinstance(e, TurnDone)][-1].advanced


def test_scene_narration_must_keep_must_mention_facts(build: Build, story_dir) -> None:
    text = (story_dir / "story.yaml").read_text().replace(
        "    title: The Road\n", "    title: The Road\n    must_mention: [the old milestone]\n")
    (story_dir / "story.yaml").write_text(text)
    pipeline, services, _ = _narrator(build, "The road leads home.", "The road leads home past the old milestone.")
    first = play(pipeline, "north")
    done = [e for e in first if isinstance(e, NarrationDone)][-1]
    assert done.source == "authored" and done.reason == "left out: the old milestone"
    play(pipeline, "undo")
    second = play(pipeline, "north")
    assert [e for e in second if isinstance(e, NarrationDone)][-1].source == "model"
