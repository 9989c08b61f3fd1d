"""Line mode never leaves a withdrawn retelling on screen as if it were the story."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.events import NarrationDelta, NarrationDone, NarrationStart
from game.factory import build_pipeline, build_services
from game.plain import RETRACTION, PlainRenderer
from tests.turn.conftest import STORY, make_settings, scripted_model


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cove"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY.replace(
        "    title: The Road\n", "    title: The Road\n    must_mention: [the old milestone]\n"), encoding="utf-8")
    return folder


def _played(story_dir: Path, home: Path, narration: str, command: str, verbose: bool = False) -> str:
    narrator = ScriptedBackend("narrator", [narration])
    services = build_services(settings=make_settings({"narrator": scripted_model(narrative_generation=True)}),
                              data_dir=home, backends={"narrator": narrator}, use_matcher=False, rng_seed=1)
    try:
        pipeline = build_pipeline(services, story_dir, seed=1)
        list(pipeline.opening())
        out = io.StringIO()
        PlainRenderer(out, verbose=verbose).render(pipeline.run(command))
        return out.getvalue()
    finally:
        services.close()


def test_rejected_sentences_are_never_printed(story_dir: Path, tmp_path: Path) -> None:
    shown = _played(story_dir, tmp_path / "a", "Pale sand lies by a quiet sea. Sipping a cold beer, you watch.", "look")
    assert "Pale sand lies by a quiet sea." in shown and "beer" not in shown


def test_verbose_mode_says_why_the_narration_stopped(story_dir: Path, tmp_path: Path) -> None:
    shown = _played(story_dir, tmp_path / "v", "Pale sand lies by a quiet sea. Sipping a cold beer, you watch.", "look",
                    verbose=True)
    assert "[narration stopped: not in this scene:" in shown and "beer]" in shown


def test_a_withdrawn_retelling_was_never_printed_and_the_story_stands(story_dir: Path, tmp_path: Path) -> None:
    shown = _played(story_dir, tmp_path / "b", "The road leads home. It goes on and on.", "north")
    assert "goes on and on" not in shown and "The road leads home." in shown  # the authored text
    assert RETRACTION not in shown


def test_text_already_printed_is_visibly_retracted() -> None:
    # A front end cannot unprint a line: were a shown retelling ever withdrawn, the renderer says so.
    out = io.StringIO()
    PlainRenderer(out).render([NarrationStart("m"), NarrationDelta("The kitchen is north.", "The kitchen is north."),
                               NarrationDone("The kitchen is east.", "authored", replaced=True, reason="wrong way")])
    text = out.getvalue()
    assert text.index("The kitchen is north.") < text.index(RETRACTION) < text.index("The kitchen is east.")
