"""The adaptive part: per-task Thompson sampling over Gaussian posteriors whose evidence decays with time."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from engine.tasks import TaskType

QUALITY = "quality"
RELIABILITY = "reliability"


@dataclass(slots=True)
class Evidence:
    """Pseudo-counts for and against, as of event `stamp`; they fade by `decay` per later event of the same kind."""

    good: float = 0.0
    bad: float = 0.0
    stamp: float = 0.0

    def faded(self, now: float, decay: float) -> tuple[float, float]:
        """The counts as they stand at event `now`."""
        factor = decay ** (now - self.stamp) if now > self.stamp else 1.0
        return self.good * factor, self.bad * factor

    def add(self, now: float, decay: float, good: float, bad: float) -> None:
        """Fade the counts to `now`, then add new evidence."""
        kept_good, kept_bad = self.faded(now, decay)
        self.good, self.bad, self.stamp = kept_good + good, kept_bad + bad, now


def rating_reward(rating: int) -> float:
    """A 1..5 rating as a reward in 0..1."""
    if not 1 <= rating <= 5:
        raise ValueError(f"a rating is 1..5, got {rating}")
    return (rating - 1) / 4


class Bandit:
    """Decaying posteriors per (task, model, kind): quality learns from ratings, reliability from outcomes.

    The prior is not stored: callers pass it at sampling time (from the model's configured
    quality_score), so editing settings.yaml re-seeds the prior while keeping what was learnt.
    """

    def __init__(self, half_life: float, rng: random.Random) -> None:
        self._decay = 0.5 ** (1.0 / half_life)
        self._rng = rng
        self._clock: dict[tuple[TaskType, str], float] = {}
        self._evidence: dict[tuple[TaskType, str, str], Evidence] = {}

    def observe_rating(self, task: TaskType, model: str, rating: int) -> Evidence:
        """A player's 1..5 rating of a model's output for a task."""
        reward = rating_reward(rating)
        return self._observe(task, model, QUALITY, reward, 1.0 - reward)

    def observe_outcome(self, task: TaskType, model: str, success: bool) -> Evidence:
        """Whether a call gave usable output."""
        return self._observe(task, model, RELIABILITY, float(success), float(not success))

    def estimate(self, task: TaskType, model: str, kind: str, prior_mean: float, strength: float,
                 sample_sd: float | None = None) -> float:
        """The posterior mean given a prior worth `strength` observations, or a Thompson sample from it.

        The posterior is Gaussian around that mean with sd `sample_sd / sqrt(strength + evidence)`,
        where `sample_sd` is the noise of a single observation; None means no sampling.
        """
        weight = strength
        total = prior_mean * strength
        evidence = self._evidence.get((task, model, kind))
        if evidence is not None:
            good, bad = evidence.faded(self._clock.get((task, kind), 0.0), self._decay)
            weight += good + bad
            total += good
        mean = total / weight
        if sample_sd is None:
            return mean
        return self._rng.gauss(mean, sample_sd / math.sqrt(weight))

    def evidence(self, task: TaskType, model: str, kind: str) -> tuple[float, float]:
        """Current (faded) evidence for and against."""
        found = self._evidence.get((task, model, kind))
        return found.faded(self._clock.get((task, kind), 0.0), self._decay) if found else (0.0, 0.0)

    def snapshot(self) -> dict[str, Any]:
        """Plain data to persist; `decay` travels along so a store can merge with other processes' saves."""
        return {
            "decay": self._decay,
            "clocks": [{"task": str(task), "kind": kind, "now": now} for (task, kind), now in self._clock.items()],
            "arms": [
                {"task": str(task), "model": model, "kind": kind, "good": ev.good, "bad": ev.bad, "stamp": ev.stamp}
                for (task, model, kind), ev in self._evidence.items()
            ],
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Load what snapshot() produced (unknown task names are skipped)."""
        known = {str(task) for task in TaskType}
        self._clock = {
            (TaskType(row["task"]), row["kind"]): float(row["now"])
            for row in state.get("clocks", [])
            if row["task"] in known
        }
        for arm in state.get("arms", []):
            if arm["task"] in known:
                key = (TaskType(arm["task"]), arm["model"], arm["kind"])
                self._evidence[key] = Evidence(arm["good"], arm["bad"], arm["stamp"])

    def _observe(self, task: TaskType, model: str, kind: str, good: float, bad: float) -> Evidence:
        # Each kind keeps its own clock: ratings fade by later ratings, outcomes by later outcomes.
        now = self._clock.get((task, kind), 0.0) + 1.0
        self._clock[(task, kind)] = now
        evidence = self._evidence.get((task, model, kind))
        if evidence is None:
            evidence = self._evidence[(task, model, kind)] = Evidence(stamp=now)
        evidence.add(now, self._decay, good, bad)
        return evidence
