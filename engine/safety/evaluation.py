"""Scores the crisis detector against a labelled test set (crisis / check-in / none)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.safety.detector import Classification, CrisisDetector
from engine.yamlpos import YamlFileError, load_yaml


class CaseSet(BaseModel):
    """A labelled test set as stored in YAML."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    version: int = 1
    crisis: list[str] = Field(default_factory=list)
    """Inputs that must be classified as crisis."""
    check_in: list[str] = Field(default_factory=list, alias="check-in")
    """Inputs that must get at least a check-in."""
    none: list[str] = Field(default_factory=list)
    """Ordinary play that must not fire."""


@dataclass
class EvalReport:
    """Recall on positives and false-positive rate on negatives, with the failures listed."""

    positives: int = 0
    negatives: int = 0
    missed: list[tuple[str, Classification]] = field(default_factory=list)
    """Positives classified as none."""
    too_weak: list[tuple[str, Classification]] = field(default_factory=list)
    """Crisis cases classified only as check-in."""
    false_positives: list[tuple[str, Classification]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of positives that got crisis or check-in."""
        return 1.0 if not self.positives else 1 - len(self.missed) / self.positives

    @property
    def false_positive_rate(self) -> float:
        """Share of negatives that fired."""
        return 0.0 if not self.negatives else len(self.false_positives) / self.negatives

    def summary(self) -> str:
        """One line with the figures the acceptance criteria name."""
        return (
            f"crisis detection: recall {self.recall:.1%} on {self.positives} positives "
            f"({len(self.too_weak)} crisis cases only checked in), "
            f"false positives {self.false_positive_rate:.1%} on {self.negatives} negatives"
        )


def load_cases(path: Path) -> CaseSet:
    """Read a test set; errors read `file:line:col: message`."""
    doc = load_yaml(path)
    try:
        return CaseSet.model_validate(doc.data)
    except ValidationError as err:
        raise YamlFileError(doc.validation_problems(err)) from err


def evaluate(detector: CrisisDetector, cases: CaseSet) -> EvalReport:
    """Classify every case and collect the figures."""
    report = EvalReport()
    for text in cases.crisis:
        report.positives += 1
        result = detector.classify(text)
        if result.level == "none":
            report.missed.append((text, result))
        elif result.level != "crisis":
            report.too_weak.append((text, result))
    for text in cases.check_in:
        report.positives += 1
        result = detector.classify(text)
        if result.level == "none":
            report.missed.append((text, result))
    for text in cases.none:
        report.negatives += 1
        result = detector.classify(text)
        if result.level != "none":
            report.false_positives.append((text, result))
    return report
