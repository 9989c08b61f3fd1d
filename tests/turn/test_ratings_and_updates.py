"""Ratings reach the adaptive selector and change the next choice; state updates are checked by the engine."""

from __future__ import annotations

from engine.inference.backends.scripted import ScriptedBackend
from engine.settings import settings_from
from engine.tasks import TaskType
from tests.turn.conftest import Build, make_settings, play, scripted_model

GOOD = "The pink shell is here."  # faithful to "x shell": the gate lets it through


def test_ratings_change_the_next_selection(build: Build) -> None:
    models = {"alpha": scripted_model(narrative_generation=True), "beta": scripted_model(narrative_generation=True)}
    settings = make_settings(models)
    data = settings.model_dump()
    data["selector"]["adaptive"]["enabled"] = True
    settings = settings_from(data)
    alpha = ScriptedBackend("alpha", [GOOD] * 60)
    beta = ScriptedBackend("beta", [GOOD] * 60)
    pipeline, services = build(settings, {"alpha": alpha, "beta": beta}, seed=3)
    chosen = [services.selector.select(TaskType.NARRATIVE_GENERATION, streaming=True).model for _ in range(40)]
    for _ in range(12):
        play(pipeline, "x shell")
        turn = pipeline.session.last_turn
        assert turn is not None
        model = turn.narration_model()
        pipeline.session.rate(1 if model == "alpha" else 5)
    after = [services.selector.select(TaskType.NARRATIVE_GENERATION, streaming=True).model for _ in range(40)]
    assert after.count("beta") > chosen.count("beta")
    assert after.count("beta") >= 30


def test_rating_without_turn_and_bad_rating_text(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    assert any("no response to rate yet" in getattr(e, "text", "") for e in play(pipeline, "rate 4"))
    texts = [getattr(e, "text", "") for e in play(pipeline, "rate eleven")]
    assert any("Usage: rate" in t for t in texts)


def test_state_update_accepts_allowed_and_rejects_the_rest(build: Build) -> None:
    models = {"jsoner": scripted_model(structured_output=True)}
    settings = make_settings(models, state_update=True)
    jsoner = ScriptedBackend("jsoner", ['{"calm": 2, "memory": "took the key"}', '{"calm": 5}'])
    pipeline, _ = build(settings, {"jsoner": jsoner})
    play(pipeline, "take key")
    play(pipeline, "unlock door with key")
    assert pipeline.session.drain() == [] and jsoner.requests == []  # nobody here, no new place: nothing to propose
    play(pipeline, "in")
    applied = pipeline.session.drain()
    assert applied and applied[0].accepted == {"calm": 2, "memory": "took the key"}
    assert pipeline.game.state.vars["calm"] == 2
    play(pipeline, "talk to ana")
    second = pipeline.session.drain()
    # calm 2 -> 5 exceeds max_change 1: rejected, recorded, state unchanged.
    assert second and "calm" in second[0].rejected
    assert pipeline.game.state.vars["calm"] == 2
    assert pipeline.game.state.scene == "hut"
