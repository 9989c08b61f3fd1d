"""Per model × task statistics for people: selections, success, speed, ratings and their trend."""

from __future__ import annotations

from dataclasses import dataclass

from engine.selector.feedback import FeedbackStore
from engine.selector.tracker import PerformanceTracker


@dataclass(frozen=True)
class StatsRow:
    """One model on one task, as the stats screen and `tta stats` show it."""

    model: str
    task: str
    selections: int
    success_rate: float | None
    tokens_per_s: float | None
    mean_ttft_s: float | None
    failures: dict[str, int]
    ratings: int
    mean_rating: float | None
    trend: float | None
    """Mean of the newer half of the ratings minus the older half (positive: improving)."""
    recent_ratings: tuple[int, ...]
    gate_pass_rate: float | None = None
    """Share of this model's outputs for this task that passed the task's gate (a withdrawn one counts against)."""
    gated: int = 0
    """How many outputs the gate judged."""


def stats_rows(tracker: PerformanceTracker, feedback: FeedbackStore) -> list[StatsRow]:
    """Every model × task seen in the tracker or the ratings, sorted by model then task."""
    summary = tracker.summary()
    keys = {(m, str(t)) for m, t in summary}
    by_key: dict[tuple[str, str], list[int]] = {}
    for entry in feedback.ratings():
        key = (entry["model"], str(entry["task"]))
        by_key.setdefault(key, []).append(int(entry["rating"]))
        keys.add(key)
    rows = []
    lookup = {(m, str(t)): s for (m, t), s in summary.items()}
    for model, task in sorted(keys):
        stats = lookup.get((model, task))
        ratings = by_key.get((model, task), [])
        half = len(ratings) // 2
        trend = (sum(ratings[half:]) / (len(ratings) - half) - sum(ratings[:half]) / half) if half else None
        rows.append(StatsRow(
            model=model,
            task=task,
            selections=stats.calls if stats else 0,
            success_rate=stats.success_rate if stats else None,
            tokens_per_s=stats.tokens_per_s if stats else None,
            mean_ttft_s=stats.mean_ttft_s if stats else None,
            failures=dict(stats.failures) if stats else {},
            ratings=len(ratings),
            mean_rating=sum(ratings) / len(ratings) if ratings else None,
            trend=trend,
            recent_ratings=tuple(ratings[-20:]),
            gate_pass_rate=stats.gate_pass_rate if stats else None,
            gated=stats.gated if stats else 0,
        ))
    return rows
