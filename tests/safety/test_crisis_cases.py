"""The project's first labelled set (part of the development set): the phrase rules alone still catch every
case, and the whole detector (rules + semantic stage) loses none of that."""

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
def rules(cases: CaseSet) -> EvalReport:
    return evaluate(CrisisDetector(semantic=False), cases)


@pytest.fixture(scope="module")
def full(cases: CaseSet) -> EvalReport:
    return evaluate(CrisisDetector(), cases)


def test_test_set_is_big_enough(cases: CaseSet) -> None:
    assert len(cases.crisis) + len(cases.check_in) >= 60
    assert len(cases.none) >= 100
    assert len(set(cases.crisis + cases.check_in + cases.none)) == len(cases.crisis + cases.check_in + cases.none)


def test_figures_are_printed(rules: EvalReport, full: EvalReport, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\n[safety, rules only] {rules.summary()}\n[safety, rules + semantic] {full.summary()}")
    assert len(rules.positives) >= 60


@pytest.mark.parametrize("name", ["rules", "full"])
def test_every_positive_is_caught_at_its_level(name: str, request: pytest.FixtureRequest) -> None:
    report: EvalReport = request.getfixturevalue(name)
    assert [s.case.text for s in report.missed] == []
    assert [s.case.text for s in report.too_weak] == []


@pytest.mark.parametrize("name", ["rules", "full"])
def test_false_positives_at_most_one_percent(name: str, request: pytest.FixtureRequest) -> None:
    report: EvalReport = request.getfixturevalue(name)
    assert report.false_positive_rate <= 0.01, [s.case.text for s in report.false_positives]
