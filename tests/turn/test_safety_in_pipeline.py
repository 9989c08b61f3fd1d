"""Safety comes first: a crisis pauses the story, nothing reaches a model, and the flag persists."""

from __future__ import annotations

from engine.inference.backends.scripted import ScriptedBackend
from engine.safety import SafetyFlags
from engine.turn.events import CrisisShown, GroundingStep, SystemText, TurnDone
from tests.turn.conftest import Build, make_settings, play, scripted_model


def _all_models(build: Build) -> tuple:
    backends = {
        "narrator": ScriptedBackend("narrator", ["You take the iron key."] * 5),
        "parser": ScriptedBackend("parser", ["take the iron key"] * 5),
    }
    models = {"narrator": scripted_model(narrative_generation=True), "parser": scripted_model(tool_selection=True)}
    pipeline, services = build(make_settings(models), backends)
    return pipeline, services, backends


def test_crisis_input_reaches_no_model_and_pauses_the_story(build: Build, tta_home) -> None:
    pipeline, _, backends = _all_models(build)
    before = pipeline.game.state.model_dump()
    events = play(pipeline, "honestly i want to kill myself")
    crisis = [e for e in events if isinstance(e, CrisisShown)]
    assert crisis and crisis[0].level == "crisis" and crisis[0].resources and len(crisis[0].options) == 3
    assert all(b.requests == [] for b in backends.values())
    assert pipeline.game.state.model_dump() == before
    # While paused, story commands are not played; the options are offered again.
    follow = play(pipeline, "take key")
    assert "key" not in pipeline.game.state.inventory
    assert any(isinstance(e, SystemText) for e in follow)
    # The grounding exercise walks its steps, then "keep playing" resumes.
    steps = play(pipeline, "2")
    assert any(isinstance(e, GroundingStep) and e.step == 1 for e in steps)
    play(pipeline, "stop")
    play(pipeline, "keep playing")
    play(pipeline, "take key")
    assert "key" in pipeline.game.state.inventory
    assert SafetyFlags(tta_home / "safety.json").needs_checkin()
    # Nothing of the crisis exchange is in the journal.
    journal = pipeline.session.log.journal.path.read_text(encoding="utf-8")
    assert "take key" in journal and "kill" not in journal


def test_quit_option_ends_the_session(build: Build) -> None:
    pipeline, _, _ = _all_models(build)
    play(pipeline, "i want to end my life")
    done = [e for e in play(pipeline, "3") if isinstance(e, TurnDone)]
    assert done and done[-1].quit


def test_checkin_on_next_start_after_a_crisis(build: Build) -> None:
    pipeline, services, _ = _all_models(build)
    play(pipeline, "i want to kill myself")
    from game.factory import build_pipeline

    again = build_pipeline(services, pipeline.game.story.source_path.parent, seed=1)
    texts = [e.text for e in again.opening() if isinstance(e, SystemText)]
    assert any("check in" in t.lower() or "how are you" in t.lower() for t in texts)


def test_game_commands_that_sound_violent_play_normally(build: Build) -> None:
    pipeline, _, _ = _all_models(build)
    for line in ["kill the crab", "cut the rope", "the lamp is dead"]:
        assert not [e for e in play(pipeline, line) if isinstance(e, CrisisShown)]
