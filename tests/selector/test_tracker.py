"""PerformanceTracker: records, aggregates, persistence across restarts, trimming, and a corrupt file."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.selector import FailureKind, GenerationRecord, PerformanceTracker
from engine.tasks import TaskType

NARRATION = TaskType.NARRATIVE_GENERATION


def test_averages_and_success_rate(tmp_path: Path) -> None:
    tracker = PerformanceTracker(tmp_path / "stats.json")
    tracker.record(GenerationRecord("m", NARRATION, tokens=40, ttft_s=0.2, total_s=2.0))
    tracker.record(GenerationRecord("m", NARRATION, tokens=20, ttft_s=0.4, total_s=2.0))
    tracker.record(GenerationRecord("m", NARRATION, success=False, failure="timeout", total_s=9.0))
    tracker.record(GenerationRecord("m", NARRATION, success=False, failure=FailureKind.CANCELLED))
    assert tracker.average_speed("m", NARRATION) == 15.0  # 60 tokens in 4 s; failures do not count
    assert tracker.success_rate("m", NARRATION) == pytest.approx(2 / 3)  # cancelled is not judged
    stats = tracker.stats("m", NARRATION)
    assert stats.mean_ttft_s == pytest.approx(0.3)
    assert stats.failures == {"timeout": 1, "cancelled": 1}
    assert tracker.stats("m", TaskType.TOOL_SELECTION) is None
    assert tracker.average_speed("other", NARRATION) is None


def test_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    tracker = PerformanceTracker(path)
    for i in range(5):
        tracker.record(GenerationRecord("m", NARRATION, tokens=10 + i, total_s=1.0))
    tracker.record(GenerationRecord("m", NARRATION, success=False, failure="invalid"))
    tracker.close()
    again = PerformanceTracker(path)
    assert again.success_rate("m", NARRATION) == pytest.approx(5 / 6)
    assert again.average_speed("m", NARRATION) == pytest.approx(12.0)
    assert [row["tokens"] for row in again.history()][-2:] == [14, 0]
    assert again.history()[-1]["failure"] == "invalid"


def test_writes_are_batched(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    tracker = PerformanceTracker(path, flush_every=1000)
    tracker.record(GenerationRecord("m", NARRATION, tokens=5, total_s=1.0))
    assert not path.exists() or "tokens" not in path.read_text()
    tracker.flush()
    assert '"tokens": 5' in path.read_text()


def test_raw_history_is_trimmed_but_totals_keep_counting(tmp_path: Path) -> None:
    tracker = PerformanceTracker(tmp_path / "stats.json", max_records=20)
    for _ in range(50):
        tracker.record(GenerationRecord("m", NARRATION, tokens=1, total_s=1.0))
    tracker.flush()
    assert len(tracker.history(limit=1000)) == 20
    assert tracker.stats("m", NARRATION).calls == 50


def test_a_corrupt_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_text('{"generations": {"1": {"mod')
    tracker = PerformanceTracker(path)
    tracker.record(GenerationRecord("m", NARRATION, tokens=1, total_s=1.0))
    tracker.close()
    assert next(tmp_path.glob("stats.json.corrupt-*")).read_text().startswith('{"generations"')
    assert PerformanceTracker(path).stats("m", NARRATION).calls == 1


def test_record_validation() -> None:
    with pytest.raises(ValueError, match="successful record"):
        GenerationRecord("m", NARRATION, success=True, failure="timeout")
    with pytest.raises(ValueError, match="needs a failure kind"):
        GenerationRecord("m", NARRATION, success=False)
    with pytest.raises(ValueError):
        GenerationRecord("m", NARRATION, success=False, failure="exploded")
    assert GenerationRecord("m", "tool_selection").task is TaskType.TOOL_SELECTION
