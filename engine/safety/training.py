"""Fits the crisis head (head.py): weighted logistic regression in numpy, one output per tier level."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.safety.head import HeadThresholds, LinearHead, features
from engine.safety.tiers import Tier, rank


@dataclass(frozen=True)
class Example:
    """One training text: its label, where it came from, and the group of its near-paraphrases."""

    text: str
    label: Tier
    source: str
    group: int = -1


@dataclass(frozen=True)
class Settings:
    """Training choices; chosen by cross-validation (`tta safety cv`), never on a held-out set."""

    negative_weight: float = 3.0
    """How much the negatives as a whole weigh against the positives as a whole, per output."""
    l2: float = 1e-3
    """Ridge penalty on the weights (a mean over examples, so independent of the data's size)."""
    steps: int = 400
    learning_rate: float = 0.05
    thresholds: HeadThresholds = HeadThresholds()
    agree: bool = False
    """Whether the bank's own thresholds must also fire (LinearHead.agree)."""
    slack: float = 0.0
    """LinearHead.slack."""
    alone: tuple[float, float] = (1.01, 1.01)
    """LinearHead.alone."""
    urgent: float = 1.01
    """LinearHead.urgent."""
    token_channels: int = 0
    """Channels scored on each token and max-pooled (token_pool.py; trained by game/bench/token_training.py); 0: none.
    """


TRAINING = Settings(negative_weight=3.0, l2=0.01, thresholds=HeadThresholds(check_in=0.3, crisis=0.5), agree=True,
                    alone=(0.8, 0.95), urgent=0.3)
"""The settings the shipped head is trained with: the best cross-validated trade-off found (round 3); round 6
added `alone` and `urgent`, chosen by leave-one-file-out (`tta safety cv --leave-one-out`) on the fresh-voice files.
Round 7 tried three max-pooled token channels (`token_channels=3`, check-in 0.4, head-alone check-in
0.85): leave-one-file-out over 12 files pooled 90.4 / 82.8 / 2.7% (recall / imminent / false alarms) against
these settings' 89.3 / 81.5 / 3.0%, but on the same curve over 11 files (without dev7), and it lost split
statements across inputs (tests/safety/test_context.py), so it is not shipped (`tta safety cv --leave-one-out
--token-channels 3` trains it with these cut-offs: 90.6 / 82.8 / 3.3%)."""


def fit(vectors: Any, similar: Any, labels: Sequence[Tier], settings: Settings = Settings(),
        trained_on: tuple[str, ...] = ()) -> LinearHead:
    """Train the three outputs (fire: any tier; crisis: crisis or imminent; imminent) by full-batch Adam."""
    import numpy as np

    x = features(vectors, similar)
    levels = np.array([rank(label) for label in labels])
    targets = np.stack([levels >= 1, levels >= 2, levels >= 3], axis=1).astype(np.float32)
    weights = np.stack([balanced(targets[:, k], settings.negative_weight) for k in range(targets.shape[1])],
                       axis=1)
    w = np.zeros((x.shape[1], targets.shape[1]), dtype=np.float32)
    b = np.zeros(targets.shape[1], dtype=np.float32)
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, settings.steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30.0, 30.0)))
        error = (p - targets) * weights
        grad_w = x.T @ error + settings.l2 * w
        grad_b = error.sum(axis=0)
        w, moments[0], moments[1] = _adam(w, grad_w, moments[0], moments[1], step, settings.learning_rate)
        b, moments[2], moments[3] = _adam(b, grad_b, moments[2], moments[3], step, settings.learning_rate)
    return LinearHead(w, b, settings.thresholds, trained_on=trained_on, agree=settings.agree,
                      slack=settings.slack, alone=settings.alone, urgent=settings.urgent)


def balanced(target: Any, negative_weight: float) -> Any:
    """Per-example weights summing to 1 for the positives and `negative_weight` for the negatives."""
    import numpy as np

    positives = max(float(target.sum()), 1.0)
    negatives = max(float(len(target) - target.sum()), 1.0)
    total = 1.0 + negative_weight
    return np.where(target > 0, 1.0 / positives, negative_weight / negatives).astype(np.float32) / total


def _adam(value: Any, grad: Any, m: Any, v: Any, step: int, rate: float) -> tuple[Any, Any, Any]:
    m = 0.9 * m + 0.1 * grad
    v = 0.999 * v + 0.001 * grad * grad
    corrected = (m / (1 - 0.9 ** step)) / ((v / (1 - 0.999 ** step)) ** 0.5 + 1e-8)
    return value - rate * corrected, m, v
