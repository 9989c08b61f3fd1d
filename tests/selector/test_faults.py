"""Fault simulation: models that raise, time out or return invalid output are skipped via the chain and cool down."""

from __future__ import annotations

import time

import pytest

from engine.selector import FailureKind, GenerationRecord, Selector
from engine.tasks import TaskType

NARRATION = TaskType.NARRATIVE_GENERATION


def run_turn(selector: Selector, behaviour: dict[str, FailureKind | None]) -> list[str | None]:
    """One turn as the pipeline would run it: try the chosen model, re-select without it on failure."""
    tried: list[str] = []
    while True:
        model = selector.select(NARRATION, exclude=frozenset(tried)).model
        if model is None:
            return [*tried, None]
        tried.append(model)
        failure = behaviour.get(model)
        if failure is None:
            selector.record(GenerationRecord(model, NARRATION, tokens=30, ttft_s=0.1, total_s=1.0))
            return tried
        selector.record(GenerationRecord(model, NARRATION, success=False, failure=failure, total_s=1.0))


@pytest.fixture
def three_models(tiny_settings):
    fit = {NARRATION: {"suitable": True, "speed_score": 0.5}}
    return tiny_settings(
        {
            "broken": {"task_mapping": {NARRATION: {**fit[NARRATION], "quality_score": 0.9}},
                       "fallback": ["backup"]},
            "backup": {"task_mapping": {NARRATION: {**fit[NARRATION], "quality_score": 0.6}}},
            "spare": {"task_mapping": {NARRATION: {**fit[NARRATION], "quality_score": 0.5}}},
        },
        selector={"breaker": {"failures_to_open": 3, "cooldown_s": 60,
                              "quality_failures_to_open": 3, "quality_cooldown_s": 60}},
    )


@pytest.mark.parametrize("kind", [FailureKind.EXCEPTION, FailureKind.TIMEOUT, FailureKind.INVALID, FailureKind.GUARD])
def test_failing_model_is_skipped_and_cools_down(three_models, make_selector, clock, kind) -> None:
    selector = make_selector(three_models, adaptive=False)
    behaviour = {"broken": kind}
    turns = [run_turn(selector, behaviour) for _ in range(3)]
    # While it is still tried, the turn falls through to its configured fallback.
    assert turns == [["broken", "backup"]] * 3
    assert selector.cooling("broken", NARRATION) == 60.0
    # Cooling: not even tried; the turn is served first time.
    assert [run_turn(selector, behaviour) for _ in range(5)] == [["backup"]] * 5
    decision = selector.select(NARRATION)
    assert "cooling down for 60s after repeated failures" in next(
        c for c in decision.candidates if c.model == "broken").reasons
    # After the cooldown one trial call; it fails again and re-opens at once.
    clock.advance(61)
    assert run_turn(selector, behaviour) == ["broken", "backup"]
    assert selector.cooling("broken", NARRATION) == 60.0
    # Fixed: eligible again after the cooldown (its failures still weigh on its reliability score),
    # and a successful trial closes the circuit.
    clock.advance(61)
    decision = selector.select(NARRATION)
    assert "broken" in decision.chain
    assert decision.chain.index("broken") <= 1
    turn = run_turn(selector, {"backup": kind, "spare": kind})
    assert turn[-1] == "broken"  # served by the recovered model
    assert selector.cooling("broken", NARRATION) == 0.0


@pytest.mark.parametrize("kind,whole_model", [(FailureKind.EXCEPTION, True), (FailureKind.TIMEOUT, True),
                                              (FailureKind.INVALID, False), (FailureKind.GUARD, False)])
def test_poor_output_rests_the_model_only_for_that_task(three_models, make_selector, kind, whole_model) -> None:
    selector = make_selector(three_models, adaptive=False)
    for _ in range(3):
        run_turn(selector, {"broken": kind})
    assert selector.cooling("broken", NARRATION) == 60.0
    # A broken model rests for every task; a model that wrote poor narration can still do other work.
    assert (selector.cooling("broken") > 0) is whole_model


def test_everything_failing_ends_at_rules_without_stalling(three_models, make_selector) -> None:
    selector = make_selector(three_models, adaptive=False)
    behaviour = {"broken": FailureKind.EXCEPTION, "backup": FailureKind.TIMEOUT, "spare": FailureKind.INVALID}
    started = time.perf_counter()
    turns = [run_turn(selector, behaviour) for _ in range(20)]
    elapsed = time.perf_counter() - started
    assert turns[0] == ["broken", "backup", "spare", None]
    assert all(turn[-1] is None and len(turn) <= 4 for turn in turns)
    assert turns[-1] == [None]  # all three cooling: straight to rules
    assert elapsed < 5  # a generous sanity bound, not a benchmark: nothing blocks or retries forever


def test_unknown_models_can_be_recorded(three_models, make_selector) -> None:
    # A scripted backend the lead registers under another name must not break recording.
    selector = make_selector(three_models)
    selector.record(GenerationRecord("scripted", NARRATION, success=False, failure="exception"))
    assert selector.select(NARRATION).model is not None
