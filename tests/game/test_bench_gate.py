"""Gate pass rate per model × task, from the real tracker, as `tta bench --play/--turns` print it."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.selector import GenerationRecord, PerformanceTracker
from engine.selector.feedback import FeedbackStore
from engine.selector.report import stats_rows
from engine.tasks import TaskType
from game.bench.gate_rates import format_gate, gate_rates
from game.bench.play_bench import format_play

REPLY = TaskType.IN_WORLD_REPLY


def test_withdrawn_and_guarded_outputs_count_against_the_gate_but_timeouts_are_no_output(tmp_path: Path) -> None:
    tracker = PerformanceTracker(tmp_path / "stats.json")
    for failure in (None, None, "invalid", "guard", "timeout", "cancelled", "exception"):
        tracker.record(GenerationRecord("m", REPLY, tokens=5, total_s=1.0) if failure is None
                       else GenerationRecord("m", REPLY, success=False, failure=failure))
    tracker.record(GenerationRecord("n", TaskType.TOOL_SELECTION, success=False, failure="timeout"))
    rows = stats_rows(tracker, FeedbackStore(tmp_path / "ratings.json"))
    by = {(r.model, r.task): r for r in rows}
    assert by[("m", "in_world_reply")].gated == 4
    assert by[("m", "in_world_reply")].gate_pass_rate == pytest.approx(0.5)
    assert by[("n", "tool_selection")].gate_pass_rate is None  # nothing came back to judge
    rates = {(r["model"], r["task"]): r for r in gate_rates(rows)}
    assert (rates[("m", "in_world_reply")]["passed"], rates[("m", "in_world_reply")]["gated"]) == (2, 4)
    text = format_gate(gate_rates(rows))
    assert "m · in_world_reply: 2/4 passed (50%), 7 calls" in text
    assert "n · tool_selection: 0/0 passed (—)" in text


def test_the_play_bench_lines_end_with_the_gate_table() -> None:
    rates = [{"model": "smollm2-135m", "task": "in_world_reply", "selections": 3, "gated": 3, "passed": 1,
              "pass_rate": 1 / 3, "failures": {"invalid": 2}}]
    text = format_play({"profile": "embedded", "gate": rates})
    assert text.splitlines()[-1].strip() == ("smollm2-135m · in_world_reply: 1/3 passed (33%), 3 calls, "
                                             "failures: invalid 2")
    assert "no model output was judged" in format_play({"profile": "rules", "gate": []})
