"""The narration gate judges a retelling against this turn's scene only (issue 16, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.story.loader import bundled_stories_root
from engine.turn.events import NarrationDone
from tests.turn.conftest import Build, make_settings, play, scripted_model

SHORE = ("The storm has blown itself out. Wet sand gives under your feet and the sea is breathing in long, "
         "tired breaths.")


@pytest.fixture
def story_dir() -> Path:
    """The Lantern House: the Shore Path leads east to the Tide Pools."""
    return bundled_stories_root() / "lantern_house"


def _done(events: list) -> NarrationDone:
    return [e for e in events if isinstance(e, NarrationDone)][-1]


def test_previous_scenes_text_under_a_new_title_is_withdrawn(build: Build) -> None:
    narrator = ScriptedBackend("narrator", [SHORE, SHORE])
    pipeline, _ = build(make_settings({"narrator": scripted_model(narrative_generation=True)}),
                        {"narrator": narrator})
    first = _done(play(pipeline, "look"))
    assert first.source == "model"  # faithful to the Shore Path, where the player is
    second = _done(play(pipeline, "e"))
    assert pipeline.game.state.scene == "tide_pools"
    assert second.source == "authored" and "anemones" in second.text
    # Entering a scene, the earlier narration is not put in front of the model either.
    assert "Earlier:" not in narrator.requests[-1].messages[-1].content


def test_entering_a_scene_needs_something_of_that_scene(build: Build) -> None:
    # Faithful (the bench's own words) but nothing of the Cliff Bench scene itself.
    narrator = ScriptedBackend("narrator", ["There is a weathered plaque: FOR SITTING A WHILE."])
    pipeline, _ = build(make_settings({"narrator": scripted_model(narrative_generation=True)}),
                        {"narrator": narrator})
    done = _done(play(pipeline, "w"))
    assert pipeline.game.state.scene == "cliff_bench"
    assert done.source == "authored" and "specific to The Cliff Bench" in (done.reason or "")


def test_a_retelling_of_the_new_scene_is_shown(build: Build) -> None:
    narrator = ScriptedBackend("narrator", ["Between black rocks the sea has left small worlds: anemones, a crab."])
    pipeline, _ = build(make_settings({"narrator": scripted_model(narrative_generation=True)}),
                        {"narrator": narrator})
    assert _done(play(pipeline, "e")).source == "model"


def test_coming_back_to_a_scene_its_own_words_still_count(build: Build) -> None:
    pools = "Between black rocks the sea has left small worlds: anemones, a crab."
    back = SHORE + " Up on the hill a lighthouse stands against the last of the evening, and its lamp is dark."
    narrator = ScriptedBackend("narrator", [back, pools, back])
    pipeline, _ = build(make_settings({"narrator": scripted_model(narrative_generation=True)}),
                        {"narrator": narrator})
    assert [_done(play(pipeline, c)).source for c in ("look", "e", "w")] == ["model", "model", "model"]
