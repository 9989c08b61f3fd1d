"""Streamed narration is shown only once it can no longer be withdrawn: the player never reads a wrong retelling."""

from __future__ import annotations

from pathlib import Path

from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.events import NarrationDelta, NarrationDone, SystemText
from tests.turn.conftest import Build, make_settings, play, scripted_model


def _pipeline(build: Build, *outputs: str):  # type: ignore[no-untyped-def]
    narrator = ScriptedBackend("narrator", list(outputs))
    pipeline, _ = build(make_settings({"narrator": scripted_model(narrative_generation=True)}), {"narrator": narrator})
    return pipeline


def _milestone(story_dir: Path) -> None:
    text = (story_dir / "story.yaml").read_text().replace(
        "    title: The Road\n", "    title: The Road\n    must_mention: [the old milestone]\n")
    (story_dir / "story.yaml").write_text(text)


def test_a_retelling_that_lacks_what_the_author_requires_is_never_streamed(build: Build, story_dir: Path) -> None:
    _milestone(story_dir)
    events = play(_pipeline(build, "The road leads home. It leads home."), "north")
    assert not [e for e in events if isinstance(e, NarrationDelta)]  # held back, then withdrawn unseen
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert done.source == "authored" and done.replaced and done.reason == "left out: the old milestone"


def test_held_sentences_are_released_once_the_retelling_carries_it(build: Build, story_dir: Path) -> None:
    _milestone(story_dir)
    events = play(_pipeline(build, "The road leads home. It leads past the old milestone."), "north")
    deltas = [e for e in events if isinstance(e, NarrationDelta)]
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert [d.text_so_far for d in deltas] == ["The road leads home.",
                                               "The road leads home. It leads past the old milestone."]
    assert done.source == "model" and done.text == deltas[-1].text_so_far


def test_an_invented_drink_stops_the_stream_before_it_is_shown(build: Build) -> None:
    events = play(_pipeline(build, "Pale sand lies by a quiet sea. Sipping a cold beer, you watch the hut."), "look")
    shown = " ".join(e.delta for e in events if isinstance(e, NarrationDelta))
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert "Pale sand" in shown and "beer" not in shown and "beer" not in done.text


def test_a_claimed_change_is_withdrawn(build: Build) -> None:
    events = play(_pipeline(build, "You take the pink shell from the sand."), "look")
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert done.source == "authored" and "Pale sand" in done.text


def test_who_is_here_is_shown_as_authored_and_never_retold(build: Build) -> None:
    narrator = ScriptedBackend("narrator", ["You take the iron key.", "The lock turns with a clunk.",
                                            "Nets hang from the beams, and it smells of salt."])
    pipeline, _ = build(make_settings({"narrator": scripted_model(narrative_generation=True)}), {"narrator": narrator})
    for command in ("take key", "unlock door with key"):
        play(pipeline, command)
    events = play(pipeline, "in")
    assert pipeline.game.state.scene == "hut"
    done = next(i for i, e in enumerate(events) if isinstance(e, NarrationDone))
    assert events[done].source == "model" and "Ana" not in events[done].text
    after = [e.text for e in events[done:] if isinstance(e, SystemText)]
    # The story's own line, after the retelling: a model can neither drop her nor move her.
    assert after and after[0].startswith("Ana is here.")
    assert "Ana is here." not in narrator.requests[-1].messages[-1].content
