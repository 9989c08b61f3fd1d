"""Calibrates the semantic stage's per-category thresholds and margin on the DEVELOPMENT set only.

Each category has one free value, its crisis threshold; the grey zone below it (check-in) and the step
above it to imminent have fixed widths, so a small development set fits 13 numbers, not 39.
Coordinate search: starting from strict thresholds, each category's threshold in turn moves to the value
that scores best on the development cases, then the margin; a few rounds. The score counts positives
caught and caught at their tier, charges giving imminent to a case that is not, and charges false alarms
heavily, with a hard budget. The result is copied into the exemplar bank's data file by hand
(`tta safety calibrate` prints it), so every change is reviewed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from engine.safety.detector import Classification, CrisisDetector
from engine.safety.evaluation import CaseSet, EvalReport, evaluate
from engine.safety.exemplars import ExemplarBank, Thresholds
from engine.safety.phrasebook import PhraseBook
from engine.safety.semantic import SemanticStage

STEPS = tuple(round(0.50 + 0.03 * i, 2) for i in range(11))
MARGINS = (0.0, 0.02, 0.04, 0.06)
GREY = 0.09
"""Width of the grey zone under a category's crisis threshold, where a check-in is shown (round 2: widened
from 0.06, a generous band, since a check-in counts for recall; chosen on the development set)."""
IMMINENT_STEPS = (0.0, 0.02, 0.04, 0.06, 0.08)
"""How far above its crisis threshold an imminent category gives imminent: one value for all, calibrated."""
_STRICT = 0.90


@dataclass(frozen=True)
class Objective:
    """How a development report is scored."""

    caught: float = 1.0
    """Per positive that got any response."""
    at_tier: float = 0.5
    """Extra per positive that reached its tier."""
    false_alarm: float = 4.0
    """Cost of each negative that fired."""
    over_tier: float = 0.25
    """Cost of each positive given imminent that is not labelled imminent."""
    budget: float = 0.005
    """Share of negatives allowed to fire; beyond it, each false alarm costs 100."""
    clearance: float = 0.03
    """Thresholds are also tried this much lower: a negative that would fire then is a near alarm."""
    near_alarm: float = 1.0
    """Cost of each near alarm, which keeps thresholds clear of the development negatives."""

    def score(self, report: EvalReport, lowered: EvalReport | None = None) -> float:
        """Higher is better; `lowered` is the report with every threshold `clearance` lower."""
        alarms = len(report.false_positives)
        allowed = self.budget * len(report.negatives)
        over = sum(s.result.level == "imminent" and s.case.label != "imminent" for s in report.positives)
        return float(self.caught * (len(report.positives) - len(report.missed))
                     + self.at_tier * sum(s.at_label for s in report.positives)
                     - self.over_tier * over
                     - self.false_alarm * alarms - 100.0 * max(0.0, alarms - allowed)
                     - self.near_alarm * (len(lowered.false_positives) - alarms if lowered else 0))


class _MemoStage(SemanticStage):
    """The stage with remembered embeddings scores, so many threshold settings can be tried quickly."""

    def __init__(self, stage: SemanticStage) -> None:
        super().__init__(stage._encoder, stage.bank)  # noqa: SLF001 - same package, same model
        stage.warm()
        self._exemplars, self._owners, self._counter = stage._exemplars, stage._owners, stage._counter  # noqa: SLF001
        self._memo: dict[str, tuple[Any, Any]] = {}
        self._seen: dict[str, None] | None = None

    def prefill(self, detector: CrisisDetector, cases: CaseSet) -> None:
        """Embed every text the cases will need in large batches (far faster than one input at a time)."""
        self._seen = {}
        evaluate(detector, cases)  # collects the texts; the scores it sees are placeholders
        texts, self._seen = list(self._seen), None
        for start in range(0, len(texts), 256):
            self.scores(texts[start:start + 256])

    def scores(self, texts: Sequence[str]) -> tuple[Any, Any]:
        import numpy as np

        if self._seen is not None:
            self._seen.update(dict.fromkeys(texts))
            return (np.zeros((len(texts), len(self.bank.categories)), dtype=np.float32),
                    np.ones(len(texts), dtype=np.float32))
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            rows, counters = super().scores(missing)
            self._memo.update({t: (r, c) for t, r, c in zip(missing, rows, counters, strict=True)})
        if not texts:
            return super().scores(texts)
        return (np.stack([self._memo[t][0] for t in texts]), np.array([self._memo[t][1] for t in texts]))


class _MemoDetector(CrisisDetector):
    """The detector with remembered normalisation and rule results: only thresholds change between trials."""

    def __init__(self, phrases: PhraseBook | None, stage: SemanticStage) -> None:
        super().__init__(phrases, semantic=stage)
        self._normalised: dict[str, str] = {}
        self._ruled: dict[str, Classification] = {}

    def _normalise(self, text: str) -> str:
        found = self._normalised.get(text)
        if found is None:
            found = self._normalised[text] = super()._normalise(text)
        return found

    def _rules(self, normalised: str) -> Classification:
        found = self._ruled.get(normalised)
        if found is None:
            found = self._ruled[normalised] = super()._rules(normalised)
        return found


@dataclass(frozen=True)
class Calibration:
    """The chosen bank (thresholds and margin) and its report on the development set."""

    bank: ExemplarBank
    report: EvalReport


def calibrate(stage: SemanticStage, cases: CaseSet, phrases: PhraseBook | None = None,
              objective: Objective | None = None, rounds: int = 2) -> Calibration:
    """Search thresholds and margin that score best on `cases` (the development set, never the held-out)."""
    goal = objective or Objective()
    memo = _MemoStage(stage)
    detector = _MemoDetector(phrases, memo)
    memo.prefill(detector, cases)
    bank = _strict(stage.bank)

    def trial(candidate: ExemplarBank) -> tuple[float, EvalReport]:
        memo.bank = _lowered(candidate, goal.clearance)
        lowered = evaluate(detector, cases)
        memo.bank = candidate
        report = evaluate(detector, cases)
        return goal.score(report, lowered), report

    best_score, best_report = trial(bank)
    for _ in range(rounds):
        improved = False
        for index in range(len(bank.categories)):
            for value in STEPS:
                candidate = _with(bank, index, value)
                if candidate is None:
                    continue
                score, report = trial(candidate)
                if score > best_score:
                    bank, best_score, best_report, improved = candidate, score, report, True
        for step in IMMINENT_STEPS:
            candidate = _stepped(bank, step)
            score, report = trial(candidate)
            if score > best_score:
                bank, best_score, best_report, improved = candidate, score, report, True
        for margin in MARGINS:
            score, report = trial(replace(bank, margin=margin))
            if score > best_score:
                bank, best_score, best_report, improved = replace(bank, margin=margin), score, report, True
        if not improved:
            break
    memo.bank = bank
    return Calibration(bank, best_report)


def thresholds_yaml(bank: ExemplarBank) -> str:
    """The calibrated values, as lines to copy into the data file."""
    lines = [f"margin: {bank.margin:.2f}"]
    for category in bank.categories:
        t = category.thresholds
        parts = [f"check_in: {t.check_in:.2f}", f"crisis: {t.crisis:.2f}"]
        if t.imminent is not None:
            parts.append(f"imminent: {t.imminent:.2f}")
        lines.append(f"{category.name}: thresholds: {{{', '.join(parts)}}}")
    return "\n".join(lines)


def _lowered(bank: ExemplarBank, by: float) -> ExemplarBank:
    def down(value: float | None) -> float | None:
        return None if value is None else max(value - by, 0.0)

    categories = tuple(replace(c, thresholds=Thresholds(check_in=down(c.thresholds.check_in) or 0.0,
                                                        crisis=down(c.thresholds.crisis) or 0.0,
                                                        imminent=down(c.thresholds.imminent)))
                       for c in bank.categories)
    return replace(bank, categories=categories)


def _stepped(bank: ExemplarBank, step: float) -> ExemplarBank:
    """Every imminent category's imminent threshold set `step` above its crisis threshold."""
    def moved(limits: Thresholds) -> Thresholds:
        return limits.model_copy(update={"imminent": min(round(limits.crisis + step, 2), 1.0)})

    categories = tuple(replace(c, thresholds=moved(c.thresholds)) if c.tier == "imminent" else c
                       for c in bank.categories)
    return replace(bank, categories=categories)


def _strict(bank: ExemplarBank) -> ExemplarBank:
    for index in range(len(bank.categories)):
        bank = _with(bank, index, _STRICT) or bank
    return bank


def _with(bank: ExemplarBank, index: int, crisis: float) -> ExemplarBank | None:
    """The bank with one category's thresholds set from its crisis threshold; None when nothing changes."""
    category = bank.categories[index]
    if category.tier == "check-in":
        # A check-in category has no grey zone: its one threshold gives the check-in.
        limits = Thresholds(check_in=crisis, crisis=crisis)
    else:
        old = category.thresholds
        step = (old.imminent - old.crisis) if old.imminent is not None else IMMINENT_STEPS[-1]
        imminent = min(round(crisis + step, 2), 1.0) if category.tier == "imminent" else None
        limits = Thresholds(check_in=round(crisis - GREY, 2), crisis=crisis, imminent=imminent)
    if limits == category.thresholds:
        return None
    categories = list(bank.categories)
    categories[index] = replace(category, thresholds=limits)
    return replace(bank, categories=tuple(categories))
