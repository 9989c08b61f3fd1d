"""Runs player processes at once on one data folder and counts every confirmed save, rating and note found
on disk afterwards (used by the test and, with more processes and trials, by hand)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from engine.saves import SaveError, SaveStore
from engine.saves.diskio import read_lines
from engine.selector.feedback import FeedbackStore
from engine.selector.tracker import PerformanceTracker
from engine.story import load_story
from engine.tasks import TaskType

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")


@dataclass
class Trial:
    """What one trial confirmed to the players, and what of it was lost or went wrong."""

    confirmed: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)


def run_trial(home: Path, story: Path, processes: int, moves: int, timeout_s: float = 600) -> Trial:
    """Start `processes` workers together, wait for them, and check every confirmation against the files."""
    children = [subprocess.Popen([sys.executable, str(WORKER), str(home), str(story), f"p{n}", str(moves)],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for n in range(processes)]
    trial = Trial()
    reports = []
    for child in children:
        out, err = child.communicate(timeout=timeout_s)
        if child.returncode != 0:
            trial.crashes.append(f"exit {child.returncode}: {err[-2000:]}")
            continue
        reports.append(json.loads(out.strip().splitlines()[-1]))
    _check(trial, reports, home, story)
    return trial


def _check(trial: Trial, reports: list[dict], home: Path, story_path: Path) -> None:
    story = load_story(story_path)
    saves = SaveStore(home / "saves")
    stored_ratings = Counter((r["turn_id"], r["rating"]) for r in FeedbackStore(home / "ratings.json").ratings())
    for report in reports:
        for slot, turn in report["saves"]:
            trial.confirmed["saves"] += 1
            try:
                if saves.load(story, slot).state.turn != turn:
                    trial.lost["saves"] += 1
            except SaveError:
                trial.lost["saves"] += 1
        for turn_id, rating in report["ratings"]:
            trial.confirmed["ratings"] += 1
            if stored_ratings[(turn_id, rating)] < 1:
                trial.lost["ratings"] += 1
        noted = {(e.get("turn_id"), e.get("text")) for e in read_lines(Path(report["journal"]))
                 if e.get("type") == "noted"}
        for turn_id, text in report["notes"]:
            trial.confirmed["notes"] += 1
            trial.lost["notes"] += (turn_id, text) not in noted
        trial.confirmed["narrations"] += report["narrated"]
    stats = PerformanceTracker(home / "stats.json").stats("narrator", TaskType.NARRATIVE_GENERATION)
    counted = stats.calls if stats else 0
    trial.lost["narrations"] += max(0, trial.confirmed["narrations"] - counted)
