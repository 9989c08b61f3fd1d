"""Round 6 of issue 11: recall on fresh voices (word signals for the head, the head alone in the grey zone,
present-moment lines to imminent, looser check-in gate, category rules from fresh writers)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.inference.embedder import locate_minilm
from engine.safety.cues import worth_checking
from engine.safety.detector import CrisisDetector
from engine.safety.evaluation import evaluate, load_cases
from engine.safety.head import HeadThresholds, LinearHead, parse_head
from engine.safety.lexical import SIGNAL, SIGNALS, present, signals

HERE = Path(__file__).parent
FRESH = ("crisis_spent_v4", "crisis_dev5", "crisis_dev6a", "crisis_dev6b")
"""Development files written by outside writers (tuned on since; the floors guard against regressions)."""
needs_model = pytest.mark.skipif(locate_minilm() is None, reason="the shipped sentence model is not installed")


def _signal(text: str, name: str) -> bool:
    index = [n for n, _ in SIGNALS].index(name)
    return bool(signals([text])[0, index] == SIGNAL)


def test_word_signals_tell_who_and_what_frame() -> None:
    assert signals([]).shape == (0, len(SIGNALS))
    assert _signal("i want to die", "self") and not _signal("give me the key", "self")
    assert _signal("my character wants to die", "fiction") and not _signal("i want to die", "fiction")
    assert _signal("not the game the real me", "real") and _signal("kms lol", "joke")
    assert _signal("feel loads better since the new dose", "recovered")


@pytest.mark.parametrize(("text", "now"), [
    ("im on the bridge rn", True), ("parked up by the reservoir", True), ("the razor is in my hand", True),
    ("took them half an hour ago", True), ("eyes heavy sleepy now", True),
    ("i like bridges", False), ("what is the capital of france", False), ("we had fun last summer", False),
])
def test_present_moment_lines(text: str, now: bool) -> None:
    assert present(text) is now


def _head(alone: tuple[float, float], urgent: float) -> LinearHead:
    return LinearHead(np.zeros((4, 3)), np.zeros(3), HeadThresholds(0.3, 0.5, 0.5), agree=True, alone=alone,
                      urgent=urgent)


def test_the_head_alone_raises_a_grey_zone_and_present_lines_but_never_lowers() -> None:
    head = _head((0.8, 0.95), 0.3)
    assert head.alone_tier("none", 0.85, 0.2, 0.1) == "check-in"
    assert head.alone_tier("none", 0.5, 0.2, 0.1) == "none"
    assert head.alone_tier("check-in", 0.97, 0.96, 0.1) == "crisis"
    assert head.alone_tier("none", 0.97, 0.96, 0.7) == "imminent"
    assert head.alone_tier("crisis", 0.1, 0.1, 0.1) == "crisis"
    assert head.alone_tier("check-in", 0.5, 0.4, 0.1, now=True) == "imminent"
    assert head.alone_tier("check-in", 0.5, 0.2, 0.1, now=True) == "check-in"
    assert head.alone_tier("none", 0.5, 0.9, 0.9, now=True) == "none"  # nothing fired: present alone is not enough


def test_head_file_keeps_alone_and_urgent() -> None:
    again = parse_head(_head((0.7, 0.9), 0.4).to_json(), "x")
    assert again.alone == (0.7, 0.9) and again.urgent == 0.4
    old = parse_head('{"model": "m", "thresholds": {"check_in": 0.3}, "bias": [0, 0, 0], "weights": [[0, 0, 0]]}', "y")
    assert old.alone == (1.01, 1.01) and old.urgent == 1.01  # a head file from before round 6 changes nothing


def test_check_in_gate_only_stops_bare_requests() -> None:
    assert worth_checking("does it ever get better or is this just it forever")
    assert worth_checking("going through the motions")
    assert not worth_checking("give me the key")
    assert not worth_checking("show me the way to the tower")


@pytest.mark.parametrize(("text", "level"), [
    ("been saving up my tablets for a while now", "crisis"),
    ("i put half of them aside in an old jar every time", "crisis"),
    ("drink the potion and sleep forever, me i mean. the real me", "crisis"),
    ("not in game. the blade is real and im cutting", "crisis"),
    ("my character has more to live for than i do", "crisis"),
    ("if i dont log in again, it was nice", "check-in"),
    ("so tierd of evrythin", "check-in"),
    ("the knight kills himself", "check-in"),
    ("the npc said she wants to end her life, can i talk her out of it", "none"),
    ("ask the bard why he wants to die", "none"),
    ("I want to die a heroic death in this battle", "none"),
    ("I picked the date for the party", "none"),
])
def test_round6_rules(text: str, level: str) -> None:
    result = CrisisDetector(semantic=False).classify(text)
    assert (result.level == level) if level == "none" else result.level in {level, "imminent"}, result


@needs_model
@pytest.mark.parametrize("name", FRESH)
def test_fresh_writer_files_do_not_regress(name: str) -> None:
    detector = CrisisDetector()
    assert detector.warm()
    report = evaluate(detector, load_cases(HERE / f"{name}.yaml"))
    # In-sample floors a little under this round's figures (leave-one-file-out is within ~1 point of them):
    # v4 87.7/83.1/3.3, dev5 82.1/78.7/2.0, dev6a 91.2/80.8/3.3, dev6b 82.8/73.1/2.9 (recall/imminent/false alarms).
    # Round 7 retrained with spent v6 and dev7 added: v4 88.2/87.7/4.3 (3 more of its 418 negatives fire), dev5
    # 84.6/83.0/2.0, dev6a 91.2/83.3/3.6, dev6b 84.3/78.2/2.6; all files pooled 90.3/82.6/2.2 (was 89.9/82.4/2.3).
    # The fine-tune (2026-12-02, trained on these files too, and on v7, v8 and subject-dropped copies): v4
    # 96.9/92.3/5.3, dev5 96.2/91.5/2.0, dev6a 96.5/93.6/6.3, dev6b 96.6/88.5/3.7: recall up 5-13 points, false
    # alarms up to 2.7 points (dev6a). The never-tuned v9 says what the trade is worth on new writers.
    assert report.recall >= 0.95 and report.imminent_recall >= 0.87
    assert report.false_positive_rate <= 0.065
