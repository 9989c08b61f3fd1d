"""Rating simulation with synthetic models: how fast the adaptive selector finds the best one, and re-adapts."""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from engine.selector.availability import StaticAvailability
from engine.selector.feedback import FeedbackStore
from engine.selector.records import GenerationRecord
from engine.selector.resources import FixedResources
from engine.selector.selector import Selector
from engine.selector.tracker import PerformanceTracker
from engine.settings import Settings, settings_from
from engine.tasks import TaskType
from game.routing import routing_from

TASK = TaskType.NARRATIVE_GENERATION


@dataclass(frozen=True)
class SyntheticModel:
    """A model that exists only as a rating distribution: players rate it `true_mean` ± noise."""

    name: str
    true_mean: float
    """The mean of its 1..5 ratings."""
    prior_quality: float = 0.5
    """The quality_score its config claims (may be wrong on purpose)."""


@dataclass
class PhaseResult:
    """One stretch of turns with fixed true means."""

    best: str
    picks: list[str]
    regret: list[float]
    """Per turn: the best model's true mean minus the chosen one's, in rating points."""
    eval_best_share: float
    """Share of 1000 fresh select() calls, without learning, that pick the best model after the phase."""

    def best_share(self, last: int) -> float:
        """Share of the phase's last `last` turns on which the best model was chosen."""
        tail = self.picks[-last:]
        return sum(name == self.best for name in tail) / len(tail)

    def cumulative_regret(self, checkpoints: tuple[int, ...]) -> dict[int, float]:
        """Summed regret after each checkpoint turn."""
        return {turn: round(sum(self.regret[:turn]), 2) for turn in checkpoints if turn <= len(self.regret)}


@dataclass
class SimulationResult:
    """Both phases: learning from scratch, then after the best model changes."""

    phases: list[PhaseResult] = field(default_factory=list)


def simulation_settings(models: list[SyntheticModel], half_life: float, prior_strength: float) -> Settings:
    """Settings with one profile holding the synthetic models, all equally fast and suited to the task."""
    return settings_from(
        {
            "profile": "sim",
            "profiles": {"sim": [m.name for m in models]},
            "models": {
                m.name: {
                    "model_id": f"synthetic/{m.name}",
                    "backend": "scripted",
                    "memory_requirement": 0,
                    "task_mapping": {TASK: {"suitable": True, "quality_score": m.prior_quality, "speed_score": 0.5}},
                }
                for m in models
            },
            "selector": {"adaptive": {"half_life": half_life, "prior_strength": prior_strength}},
        }
    )


def simulate(
    phases: list[list[SyntheticModel]],
    turns_per_phase: int = 200,
    *,
    seed: int = 7,
    noise_sd: float = 1.0,
    half_life: float | None = None,
    prior_strength: float | None = None,
    data_dir: Path | None = None,
) -> SimulationResult:
    """Run rated turns through a real Selector; each phase keeps the models but changes their true means."""
    defaults = settings_from({}).selector.adaptive
    settings = simulation_settings(
        phases[0],
        half_life if half_life is not None else defaults.half_life,
        prior_strength if prior_strength is not None else defaults.prior_strength,
    )
    with tempfile.TemporaryDirectory() as scratch:
        root = data_dir or Path(scratch)
        tracker = PerformanceTracker(root / "stats.json", flush_every=1000)
        feedback = FeedbackStore(root / "ratings.json")
        routing = routing_from(settings)
        selector = Selector(routing, tracker, feedback, StaticAvailability(), FixedResources(1e6), rng_seed=seed)
        players = random.Random(seed + 1)
        result = SimulationResult()
        for models in phases:
            result.phases.append(_run_phase(selector, models, turns_per_phase, players, noise_sd))
        selector.close()
    return result


def _run_phase(
    selector: Selector, models: list[SyntheticModel], turns: int, players: random.Random, noise_sd: float
) -> PhaseResult:
    means = {m.name: m.true_mean for m in models}
    best = max(means, key=means.__getitem__)
    picks: list[str] = []
    regret: list[float] = []
    for _ in range(turns):
        chosen = selector.select(TASK).model
        if chosen is None:
            raise RuntimeError("no synthetic model was eligible; the simulation settings are broken")
        picks.append(chosen)
        regret.append(means[best] - means[chosen])
        rating = min(5, max(1, round(players.gauss(means[chosen], noise_sd))))
        selector.record(GenerationRecord(chosen, TASK, tokens=40, ttft_s=0.05, total_s=1.0))
        selector.rate(chosen, TASK, rating)
    evaluation = [selector.select(TASK).model for _ in range(1000)]
    share = sum(name == best for name in evaluation) / len(evaluation)
    return PhaseResult(best, picks, regret, share)


def default_scenario() -> list[list[SyntheticModel]]:
    """Three models; the config's prior is wrong about the best one, and halfway the best one changes."""
    first = [
        SyntheticModel("model-a", true_mean=2.6, prior_quality=0.8),
        SyntheticModel("model-b", true_mean=4.2, prior_quality=0.5),
        SyntheticModel("model-c", true_mean=3.4, prior_quality=0.6),
    ]
    second = [
        SyntheticModel("model-a", true_mean=4.4, prior_quality=0.8),
        SyntheticModel("model-b", true_mean=2.8, prior_quality=0.5),
        SyntheticModel("model-c", true_mean=3.4, prior_quality=0.6),
    ]
    return [first, second]
