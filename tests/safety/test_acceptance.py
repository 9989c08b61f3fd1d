"""Acceptance (issue 11): the held-out set, never tuned on, and the development set, reported separately."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.safety.detector import CrisisDetector
from engine.safety.eval_text import format_report
from engine.safety.evaluation import EvalReport, load_cases
from engine.safety.exemplars import load_bank

HERE = Path(__file__).parent
DEV = tuple(HERE / f"{name}.yaml"
            for name in ("crisis_cases", "crisis_dev", "crisis_dev2", "crisis_dev3", "crisis_dev4"))
HELDOUT = HERE / "crisis_heldout_v9.yaml"  # measured once (the fine-tune, 2026-12-02), never tuned on


def _texts(*paths: Path) -> set[str]:
    return {text.strip().lower() for case in load_cases(*paths).cases() for text in case.inputs}


@pytest.fixture(scope="module")
def heldout(detector: CrisisDetector) -> EvalReport:
    return _report(detector, "held-out", HELDOUT)


@pytest.fixture(scope="module")
def dev(detector: CrisisDetector) -> EvalReport:
    return _report(detector, "development", *DEV)


# The targets, not met yet on the never-tuned set: each is expected to fail until detection improves
# (strict, so the day one passes the marker must go); the floor test at the end guards today's figures.
NOT_MET_YET = pytest.mark.xfail(
    strict=True,
    reason="issue 11 target not met on the never-tuned set v9 (85.9% recall, 77.5% imminent, 4.0% false alarms "
    "with the fine-tuned MiniLM and phrase rules v6; the previous detector: 66.6 / 52.1 / 2.8); see the session note",
)


def _report(detector: CrisisDetector, name: str, *paths: Path) -> EvalReport:
    from engine.safety.evaluation import evaluate

    report = evaluate(detector, load_cases(*paths))
    print(f"\n{format_report(name, report)}")
    return report


def test_heldout_set_is_big_enough_and_says_it_is_never_tuned_on() -> None:
    cases = load_cases(HELDOUT).cases()
    positives = [c for c in cases if c.label != "none"]
    assert len(positives) >= 150 and len(cases) - len(positives) >= 300
    assert sum(c.label == "imminent" for c in positives) >= 30 and any(len(c.inputs) > 1 for c in positives)
    assert "NEVER TUNED ON" in HELDOUT.read_text(encoding="utf-8").splitlines()[0]
    categories = {c.category for c in positives}
    assert {"method", "passive_wish", "farewell", "plan_place", "self_harm", "overdose", "abuse", "harm_others",
            "split"} <= categories


def test_spent_heldout_set_is_marked_as_development() -> None:
    for spent in ("crisis_dev2.yaml", "crisis_dev3.yaml", "crisis_dev4.yaml", "crisis_spent_v4.yaml",
                  "crisis_dev5.yaml", "crisis_spent_v6.yaml", "crisis_spent_v7.yaml", "crisis_spent_v8.yaml"):
        header = (HERE / spent).read_text(encoding="utf-8").splitlines()[0]
        assert any(w in header for w in ("TUNED ON", "DEVELOPMENT", "SPENT")), spent
        assert not header.startswith("# HELD-OUT"), spent


def _positive_texts(*paths: Path) -> set[str]:
    """Texts that are a crisis statement on their own: a split statement's steps ("go west", "hang on") need not be."""
    return {case.inputs[0].strip().lower() for case in load_cases(*paths).cases()
            if case.label != "none" and len(case.inputs) == 1}


def test_no_text_is_in_the_bank_and_a_test_set() -> None:
    # A crisis text written in a test set must never be an exemplar (that would grade the bank on its own words).
    # Short everyday game commands ("kill the dragon") are another matter: writers who never saw each other's
    # files write the same ones ("fire the cannon at the pirate ship" came from v6's writer, who saw no bank), so
    # a negative of up to seven words that is also a counter-exemplar is allowed.
    bank = load_bank()
    exemplars = {t.strip().lower() for c in bank.categories for t in c.exemplars}
    counter = {t.lower() for t in bank.counter}
    for paths in (DEV, (HELDOUT,)):
        assert not exemplars & _texts(*paths)
        shared = counter & _texts(*paths)
        assert not shared & _positive_texts(*paths)
        assert all(len(text.split()) <= 7 for text in shared), sorted(shared)


@NOT_MET_YET
def test_heldout_recall_at_least_97_percent(heldout: EvalReport) -> None:
    assert heldout.recall >= 0.97, [s.case.text for s in heldout.missed]


@NOT_MET_YET
def test_heldout_imminent_cases_get_imminent(heldout: EvalReport) -> None:
    assert heldout.imminent_recall >= 0.90


@NOT_MET_YET
def test_heldout_false_alarms_at_most_one_percent(heldout: EvalReport) -> None:
    assert heldout.false_positive_rate <= 0.01, [s.case.text for s in heldout.false_positives]


def test_development_set_figures(dev: EvalReport) -> None:
    # Round 6 loosened the semantic gates for recall on fresh voices (leave-one-file-out on the outside writers'
    # files: recall +6 to +40 points); on these older files that cost false alarms 0.7% -> 1.3% in-sample.
    assert dev.recall >= 0.97 and dev.false_positive_rate <= 0.015


def test_heldout_figures_do_not_fall_below_what_was_measured(heldout: EvalReport) -> None:
    """A floor at the figures measured once on v9 (the fine-tune of 2026-12-02, rules v6): a change must not make them
    worse (v8, measured once: 87.0 / 89.0 / 3.9 before the retrain, and v7 are spent and trained on now)."""
    assert heldout.recall >= 0.855
    assert heldout.imminent_recall >= 0.77
    assert heldout.false_positive_rate <= 0.041
