"""Merging other testers' ratings into this machine's selector and tracker, once each (importing twice is a no-op)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from engine.selector.feedback import FeedbackStore
from engine.selector.records import GenerationRecord
from engine.selector.selector import Selector
from engine.selector.tracker import PerformanceTracker
from engine.tasks import TaskType


class RatedRow(Protocol):
    """What a merge needs of an exported row (engine.turn.feedback_export.FeedbackRow)."""

    @property
    def turn_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def model(self) -> str | None: ...
    @property
    def task(self) -> str: ...
    @property
    def rating(self) -> int | None: ...
    @property
    def note(self) -> str: ...
    @property
    def timings(self) -> Mapping[str, float | None]: ...


@dataclass
class MergeReport:
    """What a merge did."""

    added: int = 0
    duplicates: int = 0
    """Ratings this machine already had (same turn, model, task and sequence, same rating)."""
    unrated: int = 0
    """Rows with a note but no rating: nothing for the selector to learn."""
    conflicts: list[str] = field(default_factory=list)
    """One line per id already here with a different rating; those rows are not merged."""


def merge_ratings(selector: Selector, tracker: PerformanceTracker, feedback: FeedbackStore,
                  rows: Iterable[RatedRow]) -> MergeReport:
    """Rate through the selector (so the quality posteriors learn, in the rows' order) every rating not yet
    here, and count the call in the tracker with the time to first token it reported.

    A rating is identified by (turn id, model, task, sequence number); this machine's own ratings count
    as present, so a tester importing their own export changes nothing. Reliability is not merged: a
    remote tester's failures say little about this machine's servers.
    """
    have: dict[tuple[str, str, str], list[int]] = {}
    for stored in feedback.ratings():
        key = (str(stored.get("turn_id") or ""), str(stored["model"]), str(stored["task"]))
        have.setdefault(key, []).append(int(stored["rating"]))
    report = MergeReport()
    for row in rows:
        if row.rating is None or row.model is None:
            report.unrated += 1
            continue
        key = (row.turn_id, row.model, row.task)
        present = have.setdefault(key, [])
        if row.seq < len(present):
            if present[row.seq] == row.rating:
                report.duplicates += 1
            else:
                report.conflicts.append(
                    f"turn {row.turn_id} ({row.model}, {row.task}, rating #{row.seq + 1}): here {present[row.seq]}, "
                    f"in the file {row.rating}; kept {present[row.seq]}")
            continue
        if row.seq > len(present):
            report.conflicts.append(f"turn {row.turn_id} ({row.model}, {row.task}): rating #{row.seq + 1} "
                                    f"without the {row.seq} before it; skipped")
            continue
        task = TaskType(row.task)
        selector.rate(row.model, task, row.rating, row.note, row.turn_id)
        ttft = row.timings.get("model_ttft_s")
        tracker.record(GenerationRecord(model=row.model, task=task, ttft_s=float(ttft) if ttft is not None else None))
        present.append(row.rating)
        report.added += 1
    tracker.flush()
    return report
