"""Acceptance: the crisis detector on the labelled test set (recall 100%, false positives <= 1%)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.safety.detector import CrisisDetector
from engine.safety.evaluation import CaseSet, EvalReport, evaluate, load_cases

CASES = Path(__file__).parent / "crisis_cases.yaml"


@pytest.fixture(scope="module")
def cases() -> CaseSet:
    return load_cases(CASES)


@pytest.fixture(scope="module")
def report(cases: CaseSet) -> EvalReport:
    return evaluate(CrisisDetector(), cases)


def test_test_set_is_big_enough(cases: CaseSet) -> None:
    assert len(cases.crisis) + len(cases.check_in) >= 60
    assert len(cases.none) >= 100
    assert len(set(cases.crisis + cases.check_in + cases.none)) == len(cases.crisis + cases.check_in + cases.none)


def test_figures_are_printed(report: EvalReport, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\n[safety] {report.summary()}")
    assert report.positives >= 60


def test_every_positive_is_caught(report: EvalReport) -> None:
    assert report.missed == []
    assert report.recall == 1.0


def test_crisis_cases_reach_crisis_level(report: EvalReport) -> None:
    assert report.too_weak == []


def test_false_positives_at_most_one_percent(report: EvalReport) -> None:
    assert report.false_positive_rate <= 0.01, report.false_positives
