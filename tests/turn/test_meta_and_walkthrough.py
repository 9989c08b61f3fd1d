"""Meta commands never advance the story; the sample walkthrough plays to an ending on the rules profile."""

from __future__ import annotations

from pathlib import Path

from engine.story.loader import bundled_stories_root
from engine.turn.events import SystemText, TurnDone
from game.bench.turns_bench import walkthrough_commands
from game.factory import build_pipeline, build_services
from tests.turn.conftest import WALK, Build, make_settings, play

SAMPLE = bundled_stories_root() / "lantern_house"


def test_meta_commands_do_not_advance(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    play(pipeline, "take key")
    turn = pipeline.game.state.turn
    for line in ["inventory", "help", "hint", "save slot1", "saves", "transcript", "rate 5 lovely", "note: nice"]:
        done = [e for e in play(pipeline, line) if isinstance(e, TurnDone)][-1]
        assert not done.advanced
    assert pipeline.game.state.turn == turn
    assert pipeline.session.last_turn is not None and pipeline.session.last_turn.rating == 5
    assert "lovely" in pipeline.session.last_turn.notes and "nice" in pipeline.session.last_turn.notes


def test_save_load_undo_round_trip(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    play(pipeline, "take key")
    play(pipeline, "save mine")
    play(pipeline, "unlock door with key")
    play(pipeline, "in")
    play(pipeline, "undo")
    assert pipeline.game.state.scene == "beach" and pipeline.game.state.flags["hut_open"]
    play(pipeline, "load mine")
    assert not pipeline.game.state.flags["hut_open"] and "key" in pipeline.game.state.inventory
    texts = [getattr(e, "text", "") for e in play(pipeline, "load nosuchslot")]
    assert any("nosuchslot" in t for t in texts)
    hint = [e.text for e in play(pipeline, "hint") if isinstance(e, SystemText)]
    assert hint == ["The hut door wants a key."]


def test_tiny_walkthrough_ends(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    for line in WALK:
        play(pipeline, line)
    assert pipeline.game.ended is not None and pipeline.game.ended.id == "home"


def test_sample_walkthrough_on_rules_profile(tta_home: Path) -> None:
    services = build_services(profile="rules", data_dir=tta_home, rng_seed=7)
    pipeline = build_pipeline(services, SAMPLE, seed=7)
    list(pipeline.opening())
    for line in walkthrough_commands(SAMPLE):
        list(pipeline.run(line))
    services.close()
    assert pipeline.game.ended is not None and pipeline.game.ended.id == "light_returns"
    assert all(t.parse_method in ("rules", "beat") for t in pipeline.session.turns)
