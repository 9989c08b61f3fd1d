"""Selector benchmarks: select() latency with the seed's three models, and the rating simulation's regret curve."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from engine.selector.availability import StaticAvailability
from engine.selector.feedback import FeedbackStore
from engine.selector.records import GenerationRecord
from engine.selector.resources import SystemResources
from engine.selector.selector import Selector
from engine.selector.tracker import PerformanceTracker
from engine.settings import Settings, load_settings
from engine.tasks import TaskType
from game.bench.selector_simulation import default_scenario, simulate
from game.routing import routing_from

REGRET_CHECKPOINTS = (10, 25, 50, 100, 150, 200)


def run_selector_bench(n: int = 20000, settings: Settings | None = None, simulation: bool = True) -> dict:
    """Time `n` select() calls on the seed profile (three models, real resource probe, warm history).

    Returns p50/p95/mean in microseconds per call kind, plus the simulation's regret figures.
    """
    base = settings or load_settings()
    if "seed" not in base.profiles:
        raise ValueError("the selector bench needs the `seed` profile in settings.yaml")
    seeded = base.model_copy(update={"profile": "seed"})
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        selector = Selector(
            routing_from(seeded),
            PerformanceTracker(root / "stats.json"),
            FeedbackStore(root / "ratings.json"),
            StaticAvailability(loaded=["gemma-3-1b-it"]),
            SystemResources(),
            rng_seed=1,
        )
        _warm_up(selector)
        calls = {
            "narration_streaming": lambda: selector.select(TaskType.NARRATIVE_GENERATION, streaming=True),
            "tool_selection": lambda: selector.select(TaskType.TOOL_SELECTION),
            "structured_output": lambda: selector.select(TaskType.NARRATIVE_GENERATION, structured_output=True),
            "fast_simple_question": lambda: selector.select(TaskType.SIMPLE_QUESTION, response_time_priority=True),
        }
        result: dict = {"n": n, "models": len(selector.models()), "select_us": {}}
        for name, call in calls.items():
            result["select_us"][name] = _timings(call, n)
        outcome = GenerationRecord("qwen2.5-0.5b", TaskType.SIMPLE_QUESTION, tokens=30, ttft_s=0.1, total_s=0.5)
        result["record_us"] = _timings(lambda: selector.record(outcome), min(n, 2000))
        selector.close()
    if simulation:
        result["simulation"] = simulation_figures()
    return result


def simulation_figures(seed: int = 7) -> dict:
    """The default rating simulation: best-model share and cumulative regret (rating points) per phase."""
    outcome = simulate(default_scenario(), seed=seed)
    return {
        f"phase{i + 1}": {
            "best": phase.best,
            "best_share_last50": phase.best_share(50),
            "eval_best_share": phase.eval_best_share,
            "cumulative_regret": phase.cumulative_regret(REGRET_CHECKPOINTS),
        }
        for i, phase in enumerate(outcome.phases)
    }


def format_bench(result: dict) -> str:
    """A small text table of the figures."""
    lines = [f"select() with {result['models']} models, {result['n']} calls each (µs):"]
    for name, t in result["select_us"].items():
        lines.append(f"  {name:<22} p50 {t['p50']:7.1f}  p95 {t['p95']:7.1f}  mean {t['mean']:7.1f}")
    if "record_us" in result:
        t = result["record_us"]
        lines.append(f"  {'record()':<22} p50 {t['p50']:7.1f}  p95 {t['p95']:7.1f}  mean {t['mean']:7.1f}")
    for phase, figures in result.get("simulation", {}).items():
        lines.append(
            f"{phase}: best {figures['best']}, chosen {figures['best_share_last50']:.0%} of the last 50 turns,"
            f" {figures['eval_best_share']:.0%} of 1000 fresh picks; cumulative regret {figures['cumulative_regret']}"
        )
    return "\n".join(lines)


def _warm_up(selector: Selector) -> None:
    # Some history, so the timed calls read real aggregates and posteriors.
    for name in selector.models():
        for task in TaskType:
            selector.record(GenerationRecord(name, task, tokens=50, ttft_s=0.1, total_s=2.0))
            selector.rate(name, task, 4)


def _timings(call: Callable[[], object], n: int) -> dict:
    samples = []
    clock = time.perf_counter_ns
    for _ in range(n):
        start = clock()
        call()
        samples.append(clock() - start)
    samples.sort()
    return {
        "p50": samples[len(samples) // 2] / 1000,
        "p95": samples[int(len(samples) * 0.95)] / 1000,
        "mean": statistics.fmean(samples) / 1000,
    }
