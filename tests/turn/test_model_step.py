"""A model step walks the selector's chain exactly as the explanation shows it, each model with its own params."""

from __future__ import annotations

from pathlib import Path

from engine.inference import GenerationRequest, ModelManager, Response, ScriptedBackend
from engine.inference.backends.scripted import ScriptItem
from engine.inference.base import Backend
from engine.inference.config import GenParams
from engine.selector import FeedbackStore, FixedResources, PerformanceTracker, Selector
from engine.settings import Settings, settings_from
from engine.tasks import TaskType
from engine.turn.model_step import StepOutcome, run_step
from game.routing import routing_from

TASK = TaskType.SIMPLE_QUESTION


def settings() -> Settings:
    def model(quality: float, fallback: list[str], max_tokens: int) -> dict[str, object]:
        return {"model_id": "scripted", "backend": "scripted", "source": "local", "fallback": fallback,
                "task_mapping": {TASK: {"suitable": True, "quality_score": quality}},
                "generation": {TASK: {"max_tokens": max_tokens}}}

    # By score alone the order would be a, b, c; a's configured fallback puts c before b.
    return settings_from({
        "profile": "p", "profiles": {"p": ["a", "b", "c"]},
        "models": {"a": model(0.9, ["c"], 11), "b": model(0.8, [], 22), "c": model(0.7, [], 33)},
        "selector": {"adaptive": {"enabled": False}},  # the priors decide: no sampling in the order
    })


def walk(tmp_path: Path, outputs: dict[str, list[ScriptItem]],
         attempts: int = 3) -> tuple[StepOutcome, dict[str, list[int]]]:
    """Run one step on real scripted backends; the outcome, and the max_tokens each backend was asked with."""
    chosen = settings()
    manager = ModelManager(chosen.models, budget_mb=1000, cache_dir=tmp_path)
    backends = {name: ScriptedBackend(name, items) for name, items in outputs.items()}
    for name, backend in backends.items():
        manager.register(name, backend)
    selector = Selector(routing_from(chosen), PerformanceTracker(tmp_path / "stats.json"),
                        FeedbackStore(tmp_path / "ratings.json"), manager, FixedResources(64_000), rng_seed=0)

    def call(backend: Backend, params: GenParams) -> Response:
        return backend.generate(GenerationRequest(prompt="q", params=params, task=TASK))

    def judge(response: Response) -> str | None:
        return None if response.text == "good" else "invalid"

    step = run_step(selector, manager, TASK, call, judge, attempts=attempts)
    selector.close()
    return step, {name: [r.params.max_tokens for r in backend.requests] for name, backend in backends.items()}


def shown_chain(step: StepOutcome) -> list[str]:
    assert step.decision is not None
    return step.decision.explain().splitlines()[1].removeprefix("  chain: ").split(" → ")


def test_models_are_tried_in_the_order_the_chain_shows(tmp_path: Path) -> None:
    step, asked = walk(tmp_path, {"a": [RuntimeError("boom")], "b": ["good"], "c": ["bad"]})
    assert step.decision is not None
    tried = [used.model for used in step.used]
    assert tried == step.decision.chain == ["a", "c", "b"]
    assert shown_chain(step) == [*tried, "rules"]
    assert step.model == "b" and step.response is not None and step.response.text == "good"
    assert [used.outcome for used in step.used] == ["exception", "invalid", "ok"]
    assert asked == {"a": [11], "b": [22], "c": [33]}  # each model got its own parameters
    assert "params: temperature=" in step.used[1].explanation and "max_tokens=33" in step.used[1].explanation


def test_a_capped_chain_shows_only_what_is_tried_then_rules(tmp_path: Path) -> None:
    step, asked = walk(tmp_path, {"a": ["bad"], "b": ["good"], "c": ["bad"]}, attempts=2)
    assert [used.model for used in step.used] == ["a", "c"]
    assert shown_chain(step) == ["a", "c", "rules"]
    assert step.response is None and step.model is None
    assert asked["b"] == []  # never tried, as the explanation said
