"""The Selector: task-based choice with fallback chains, resources, a circuit breaker and a learning bandit."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path

from engine.saves.notices import Notices
from engine.selector.availability import Availability, loaded_names, unavailable_reason
from engine.selector.bandit import QUALITY, RELIABILITY, Bandit
from engine.selector.breaker import CircuitBreaker
from engine.selector.decision import CandidateExplanation, Decision
from engine.selector.feedback import FeedbackStore
from engine.selector.records import FailureKind, GenerationRecord
from engine.selector.report import StatsRow, stats_rows
from engine.selector.resources import ResourceProbe, SystemResources
from engine.selector.routing import Routing, RoutingModel
from engine.selector.tracker import PerformanceTracker
from engine.tasks import TaskType

RELIABILITY_PRIOR_MEAN = 0.95
"""What a model's success rate is believed to be before it has run."""
SAVE_EVERY = 25
"""Outcomes between writes of the learnt state (ratings are written at once)."""


class Selector:
    """Picks a model per call, explains why, and learns from outcomes and ratings. Thread-safe."""

    def __init__(
        self,
        routing: Routing,
        tracker: PerformanceTracker,
        feedback: FeedbackStore,
        availability: Availability,
        resources: ResourceProbe | None = None,
        rng_seed: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._tuning = routing.tuning
        self._budget_mb = routing.memory_budget_mb
        self._models = routing.models()
        self._tiers = routing.tier_names()
        self._tracker = tracker
        self._feedback = feedback
        self._availability = availability
        self._resources = resources if resources is not None else SystemResources()
        self._bandit = Bandit(self._tuning.adaptive.half_life, random.Random(rng_seed))
        self._bandit.restore(feedback.load_bandit())
        self._breaker = CircuitBreaker(self._tuning.breaker, clock)
        breaker = self._tuning.breaker
        quality = breaker.model_copy(update={"failures_to_open": breaker.quality_failures_to_open,
                                             "cooldown_s": breaker.quality_cooldown_s})
        self._quality_breaker = CircuitBreaker(quality, clock)
        self._lock = threading.Lock()
        self._unsaved = 0
        adaptive = self._tuning.adaptive
        # A rating point is a quarter of the 0..1 reward scale.
        self._quality_sd = adaptive.rating_sd / 4 if adaptive.enabled else None

    def stats(self) -> list[StatsRow]:
        """Per model × task statistics, ratings included (for the stats screen)."""
        return stats_rows(self._tracker, self._feedback)

    def models(self) -> dict[str, RoutingModel]:
        """The routed models, in tier order."""
        return dict(self._models)

    def select(
        self,
        task: TaskType,
        *,
        streaming: bool = False,
        structured_output: bool = False,
        response_time_priority: bool = False,
        exclude: frozenset[str] = frozenset(),
        limit: int | None = None,
    ) -> Decision:
        """Choose a model for one call (None: use rules), and the chain to walk if it fails.

        With `structured_output` the call is judged as the structured_output task; `Decision.task` says
        which task was used, and record() / rate() should be given that task. `limit` caps the chain at
        the number of models the caller will try, so the explanation shows exactly what will be tried.
        """
        effective = TaskType.STRUCTURED_OUTPUT if structured_output else TaskType(task)
        weight = 1.0 if response_time_priority else self._tuning.latency_weight
        flags = tuple(
            name
            for name, on in (
                ("streaming", streaming),
                ("structured_output", structured_output),
                ("response_time_priority", response_time_priority),
            )
            if on
        )
        with self._lock:
            loaded = loaded_names(self._availability)
            room = self._room_mb(loaded)
            explained: dict[str, CandidateExplanation] = {}
            for name, config in self._models.items():
                explained[name] = self._consider(name, config, effective, streaming, weight, exclude, loaded, room)
            chain = [name for name in self._chain_order(explained) if explained[name].eligible]
        if limit is not None:
            chain = chain[: max(limit, 0)]
        return Decision(effective, chain[0] if chain else None, chain, list(explained.values()), flags)

    def record(self, record: GenerationRecord) -> None:
        """Learn from one finished call: tracker, reliability posterior and circuit breaker."""
        with self._lock:
            self._tracker.record(record)
            if record.failure is FailureKind.CANCELLED:
                return
            self._bandit.observe_outcome(record.task, record.model, record.success)
            # A broken model (raises, hangs) rests for every task; poor output rests only for the task it failed,
            # so a model that narrates badly can still rank actions or write JSON.
            task_key = _task_key(record.model, record.task)
            if record.success:
                self._breaker.success(record.model)
                self._quality_breaker.success(task_key)
            elif record.failure in (FailureKind.EXCEPTION, FailureKind.TIMEOUT):
                self._breaker.failure(record.model)
            else:
                self._quality_breaker.failure(task_key)
            self._unsaved += 1
            if self._unsaved >= SAVE_EVERY:
                self._save_learning()

    def rate(self, model: str, task: TaskType, rating: int, note: str = "", turn_id: str | None = None) -> None:
        """A player's 1..5 rating of a model's output: stored, and folded into the task's quality posterior."""
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValueError(f"a rating is a whole number 1..5, got {rating!r}")
        task = TaskType(task)
        with self._lock:
            self._bandit.observe_rating(task, model, rating)
            self._feedback.add_rating(model, task, rating, note, turn_id)
            # A rating is a deliberate player action: write it (and what it taught) at once.
            self._save_learning()

    def cooling(self, model: str, task: TaskType | None = None) -> float:
        """Seconds a model still rests after repeated failures (0.0 when usable), for all tasks or for `task`."""
        whole = self._breaker.cooling(model)
        return whole if task is None else max(whole, self._quality_breaker.cooling(_task_key(model, task)))

    def flush(self) -> None:
        """Write statistics and ratings to disk now."""
        with self._lock:
            self._tracker.flush()
            self._save_learning()

    def close(self) -> None:
        """Flush and release the files."""
        with self._lock:
            self._save_learning()
            self._tracker.close()
            self._feedback.close()

    def _save_learning(self) -> None:
        self._feedback.save_bandit(self._bandit.snapshot())
        self._feedback.flush()
        self._unsaved = 0

    def _room_mb(self, loaded: set[str]) -> float:
        # Loaded models can be unloaded to make room, so their memory counts as free for a cold one.
        free = max(self._resources.free_ram_mb(), self._resources.free_vram_mb() or 0.0)
        return free + sum(self._models[name].memory_mb for name in loaded if name in self._models)

    def _consider(
        self,
        name: str,
        config: RoutingModel,
        task: TaskType,
        streaming: bool,
        weight: float,
        exclude: frozenset[str],
        loaded: set[str],
        room: float,
    ) -> CandidateExplanation:
        fit = config.fit(task)
        if not fit.suitable:
            return CandidateExplanation(name, False, None, [fit.reason or f"not suited to {task}"])
        if streaming and not config.supports_streaming:
            return CandidateExplanation(name, False, None, ["cannot stream"])
        adaptive = self._tuning.adaptive
        quality = self._bandit.estimate(task, name, QUALITY, fit.quality, adaptive.prior_strength,
                                        self._quality_sd)
        reliability = self._bandit.estimate(task, name, RELIABILITY, RELIABILITY_PRIOR_MEAN,
                                            adaptive.reliability_prior)
        speed = self._speed(name, task, fit.speed)
        is_loaded = name in loaded
        score = reliability * ((1.0 - weight) * quality + weight * speed)
        if not is_loaded:
            score -= self._tuning.cold_penalty
        reasons = [f"quality {quality:.2f} speed {speed:.2f} reliability {reliability:.2f}",
                   "loaded" if is_loaded else "not loaded"]
        blockers = self._blockers(name, config, exclude, is_loaded, room, task)
        return CandidateExplanation(name, not blockers, score, blockers or reasons)

    def _blockers(
        self, name: str, config: RoutingModel, exclude: frozenset[str], is_loaded: bool, room: float,
        task: TaskType,
    ) -> list[str]:
        blockers: list[str] = []
        if name in exclude:
            blockers.append("excluded for this call")
        if not self._availability.is_available(name):
            blockers.append(unavailable_reason(self._availability, name))
        cooling = self.cooling(name, task)
        if cooling > 0:
            blockers.append(f"cooling down for {cooling:.0f}s after repeated failures")
        if not is_loaded:
            need = config.memory_mb
            if need > self._budget_mb:
                blockers.append(f"needs {need} MB, over the {self._budget_mb} MB budget")
            elif need > room:
                blockers.append(f"needs {need} MB, only {room:.0f} MB can be freed")
        return blockers

    def _speed(self, name: str, task: TaskType, prior: float) -> float:
        # The configured speed_score counts as `speed_prior_strength` measurements; real ones take over.
        stats = self._tracker.stats(name, task)
        tps = stats.tokens_per_s if stats is not None else None
        if stats is None or tps is None:
            return prior
        measured = tps / (tps + self._tuning.speed_reference_tps)
        k = self._tuning.speed_prior_strength
        n = stats.successes
        return (prior * k + measured * n) / (k + n)

    def _chain_order(self, explained: dict[str, CandidateExplanation]) -> list[str]:
        # Per tier, the seed's semantics: the best-scoring suitable model is preferred, its own fallback
        # chain comes next, then the rest of the tier by score; later tiers follow, and rules end it.
        order: dict[str, None] = {}
        for tier in self._tiers:
            scores = {name: score for name in tier if (score := explained[name].score) is not None}
            scored = sorted(scores, key=scores.__getitem__, reverse=True)
            if not scored:
                continue
            order[scored[0]] = None
            for other in self._models[scored[0]].fallback:
                if other in explained and explained[other].score is not None:
                    order[other] = None
            order.update(dict.fromkeys(scored))
        return list(order)


def build_selector(
    routing: Routing, data_dir: Path, availability: Availability, rng_seed: int | None = None,
    notices: Notices | None = None,
) -> Selector:
    """A Selector whose statistics and ratings live in `data_dir` (stats.json, ratings.json); `notices`
    hears about a damaged file moved aside or a write the disk refused."""
    return Selector(
        routing,
        PerformanceTracker(data_dir / "stats.json", notices=notices),
        FeedbackStore(data_dir / "ratings.json", notices=notices),
        availability,
        SystemResources(),
        rng_seed,
    )


def _task_key(model: str, task: TaskType) -> str:
    """The breaker's key for one model on one task."""
    return f"{model}@{task}"
