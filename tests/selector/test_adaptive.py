"""The bandit: ratings and outcomes move the posteriors, evidence decays, state persists, RNG is seedable."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from engine.selector import Bandit, FeedbackStore, GenerationRecord, PerformanceTracker, Selector, StaticAvailability
from engine.selector.bandit import QUALITY, RELIABILITY
from engine.tasks import TaskType
from game.routing import routing_from

NARRATION = TaskType.NARRATIVE_GENERATION


def test_ratings_move_the_quality_mean() -> None:
    bandit = Bandit(half_life=1e9, rng=random.Random(0))
    prior = bandit.estimate(NARRATION, "m", QUALITY, 0.5, 4)
    for _ in range(8):
        bandit.observe_rating(NARRATION, "m", 5)
    assert prior == 0.5
    assert bandit.estimate(NARRATION, "m", QUALITY, 0.5, 4) == pytest.approx((0.5 * 4 + 8) / 12)
    assert bandit.estimate(NARRATION, "m", QUALITY, 0.5, 4, sample_sd=0.25) != bandit.estimate(
        NARRATION, "m", QUALITY, 0.5, 4, sample_sd=0.25)
    with pytest.raises(ValueError):
        bandit.observe_rating(NARRATION, "m", 6)


def test_evidence_halves_after_half_life_events() -> None:
    bandit = Bandit(half_life=10, rng=random.Random(0))
    bandit.observe_rating(NARRATION, "old", 1)
    for _ in range(10):
        bandit.observe_rating(NARRATION, "other", 3)
    good, bad = bandit.evidence(NARRATION, "old", QUALITY)
    assert (good, bad) == (0.0, pytest.approx(0.5))
    # Outcomes keep their own clock: they do not age ratings.
    for _ in range(50):
        bandit.observe_outcome(NARRATION, "other", True)
    assert bandit.evidence(NARRATION, "old", QUALITY)[1] == pytest.approx(0.5)
    assert bandit.evidence(NARRATION, "other", RELIABILITY)[0] > 10


def test_snapshot_round_trip() -> None:
    bandit = Bandit(half_life=20, rng=random.Random(0))
    bandit.observe_rating(NARRATION, "m", 4)
    bandit.observe_outcome(TaskType.TOOL_SELECTION, "m", False)
    copy = Bandit(half_life=20, rng=random.Random(0))
    copy.restore(bandit.snapshot())
    for task, kind in ((NARRATION, QUALITY), (TaskType.TOOL_SELECTION, RELIABILITY)):
        assert copy.evidence(task, "m", kind) == bandit.evidence(task, "m", kind)


def test_selector_learns_and_remembers_across_restarts(tiny_settings, tmp_path: Path) -> None:
    fit = {NARRATION: {"suitable": True, "quality_score": 0.5, "speed_score": 0.5}}
    settings = tiny_settings({"a": {"task_mapping": fit}, "b": {"task_mapping": fit}},
                             selector={"adaptive": {"enabled": False}})

    def open_selector() -> Selector:
        return Selector(routing_from(settings), PerformanceTracker(tmp_path / "stats.json"),
                        FeedbackStore(tmp_path / "ratings.json"), StaticAvailability(), rng_seed=0)

    selector = open_selector()
    for _ in range(3):
        selector.rate("b", NARRATION, 5, note="lovely", turn_id="t1")
        selector.rate("a", NARRATION, 2)
    assert selector.select(NARRATION).model == "b"
    selector.close()
    again = open_selector()
    assert again.select(NARRATION).model == "b"
    stored = FeedbackStore(tmp_path / "ratings.json").ratings(model="b")
    assert len(stored) == 3 and stored[0]["note"] == "lovely" and stored[0]["turn_id"] == "t1"


def test_failures_lower_reliability(tiny_settings, make_selector) -> None:
    fit = {NARRATION: {"suitable": True, "quality_score": 0.5, "speed_score": 0.5}}
    settings = tiny_settings({"a": {"task_mapping": fit}, "b": {"task_mapping": fit}},
                             selector={"breaker": {"failures_to_open": 100}})
    selector = make_selector(settings, adaptive=False)
    selector.record(GenerationRecord("a", NARRATION, success=False, failure="invalid"))
    decision = selector.select(NARRATION)
    assert decision.model == "b"
    assert "reliability 0.84" in next(c for c in decision.candidates if c.model == "a").reasons[0]


def test_cancelled_calls_are_not_held_against_a_model(tiny_settings, make_selector) -> None:
    fit = {NARRATION: {"suitable": True}}
    selector = make_selector(tiny_settings({"a": {"task_mapping": fit}}), adaptive=False)
    for _ in range(10):
        selector.record(GenerationRecord("a", NARRATION, success=False, failure="cancelled"))
    assert selector.cooling("a") == 0.0
    assert selector.select(NARRATION).model == "a"


def test_measured_speed_replaces_the_prior(tiny_settings, make_selector) -> None:
    # Both claim the same speed; measurements show "quick" is much faster, so speed-first picks it.
    fit = {NARRATION: {"suitable": True, "quality_score": 0.5, "speed_score": 0.5}}
    selector = make_selector(tiny_settings({"slow": {"task_mapping": fit}, "quick": {"task_mapping": fit}}),
                             adaptive=False)
    for _ in range(20):
        selector.record(GenerationRecord("slow", NARRATION, tokens=10, total_s=2.0))
        selector.record(GenerationRecord("quick", NARRATION, tokens=200, total_s=2.0))
    assert selector.select(NARRATION, response_time_priority=True).model == "quick"


@pytest.mark.parametrize("bad", [0, 6, 3.5, True])
def test_bad_ratings_are_refused(project_settings, make_selector, bad) -> None:
    with pytest.raises(ValueError, match="1..5"):
        make_selector(project_settings).rate("gemma-3-1b-it", NARRATION, bad)


def test_same_seed_same_choices(project_settings, make_selector) -> None:
    def run(seed: int) -> list[str | None]:
        selector = make_selector(project_settings, profile="seed", seed=seed)
        return [selector.select(NARRATION, streaming=True).model for _ in range(50)]

    assert run(11) == run(11)
