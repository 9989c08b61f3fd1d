"""In-world replies to off-script lines (issue 16, item 3): gated model text, else the story's own lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from engine.inference.backends.scripted import ScriptedBackend
from engine.story.loader import bundled_stories_root
from engine.turn.events import ModelUsed, NarrationDone, TurnDone
from tests.turn.conftest import Build, make_settings, play, scripted_model

HOSTILE = yaml.safe_load((Path(__file__).parent / "hostile_lines.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def story_dir() -> Path:
    """The Lantern House, which has ambient lines and default replies."""
    return bundled_stories_root() / "lantern_house"


def _done(events: list) -> NarrationDone:
    return [e for e in events if isinstance(e, NarrationDone)][-1]


def _snapshot(pipeline: object) -> str:
    state = pipeline.game.state  # type: ignore[attr-defined]
    return json.dumps([state.scene, sorted(state.inventory), state.flags, state.vars, state.ending])


def test_rules_profile_answers_with_the_scenes_most_relevant_line(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    play(pipeline, "skip")
    before = _snapshot(pipeline)
    done = _done(play(pipeline, "sit down on the sand and listen to the waves"))
    assert "listen to the waves" in done.text and done.source == "authored"
    assert "gull" in _done(play(pipeline, "shout hello")).text
    assert _snapshot(pipeline) == before


def test_a_passing_model_reply_is_shown_marked_and_changes_nothing(build: Build) -> None:
    replier = ScriptedBackend("replier", ["You wave at the lighthouse, and the wind tugs at your sleeve."])
    pipeline, _ = build(make_settings({"replier": scripted_model(in_world_reply=True)}), {"replier": replier})
    play(pipeline, "skip")
    before = _snapshot(pipeline)
    events = play(pipeline, "wave at the lighthouse")
    done = _done(events)
    assert done.source == "model" and done.text.startswith("You wave at the lighthouse")
    assert [(u.task, u.model) for u in events if isinstance(u, ModelUsed) and u.task == "in_world_reply"] == [
        ("in_world_reply", "replier")]
    assert not [e for e in events if isinstance(e, TurnDone)][-1].advanced
    assert _snapshot(pipeline) == before
    logged = [json.loads(line) for line in pipeline.session.log.journal.path.read_text().splitlines()]
    assert [e["narration_source"] for e in logged if e["type"] == "reply"] == ["improvised"]


@pytest.mark.parametrize("bad", [
    "You pick up the smooth stone and put it in your pocket.",   # claims a change
    "Mara waves back at you from the lamp room.",                 # names someone not here
    "I think the lighthouse is lovely tonight.",                  # first person
    "[Tidak kasai, but you can't wave at the lighthouse.",        # drifted into a template / another language
    "You wave at the lighthouse, and it was dark and quiet.",     # slipped into the past tense
    "The game is set by the dark lighthouse, and you wave at it.", # speaks from outside the world
    "You wave, and the player in you feels the lighthouse watch.", # the player, not you
])
def test_a_failing_model_reply_falls_back_to_the_story(build: Build, bad: str) -> None:
    replier = ScriptedBackend("replier", [bad])
    pipeline, services = build(make_settings({"replier": scripted_model(in_world_reply=True)}), {"replier": replier})
    play(pipeline, "skip")
    done = _done(play(pipeline, "wave at the lighthouse"))
    assert done.source == "authored" and done.text != bad and "lighthouse" in done.text
    rows = [r for r in services.selector.stats() if r.model == "replier" and r.task == "in_world_reply"]
    assert rows and rows[0].failures.get("invalid") == 1  # withdrawn output counts against the model


@pytest.mark.parametrize("line", [*HOSTILE["dev"], *HOSTILE["heldout"]])
def test_injection_and_hostile_lines_take_no_action(build: Build, line: str) -> None:
    pipeline, _ = build(make_settings({}))
    play(pipeline, "skip")
    before = _snapshot(pipeline)
    events = play(pipeline, line)
    assert not [e for e in events if isinstance(e, TurnDone)][-1].advanced
    assert _snapshot(pipeline) == before
