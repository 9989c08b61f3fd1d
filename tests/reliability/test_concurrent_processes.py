"""Fault 3: several processes on one data folder lose nothing: every confirmed save, rating and note (and
every counted generation) is on disk afterwards, and no process crashes."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.concurrency import run_trial
from tests.reliability.helpers import write_story

PROCESSES = 3
MOVES = 30


def test_three_processes_lose_nothing(tmp_path: Path, tta_home: Path) -> None:
    story = write_story(tmp_path / "pond")
    trial = run_trial(tta_home, story, PROCESSES, MOVES)
    print(f"confirmed {dict(trial.confirmed)}, lost {dict(trial.lost)}, crashes {len(trial.crashes)}")
    assert not trial.crashes, trial.crashes
    assert trial.confirmed["saves"] == trial.confirmed["notes"] == PROCESSES * MOVES
    assert trial.confirmed["ratings"] == PROCESSES * MOVES  # every move was narrated, so each rating counts
    assert sum(trial.lost.values()) == 0, dict(trial.lost)
