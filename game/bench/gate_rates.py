"""Gate outcomes per model × task for the benchmarks: how many outputs came back and how many passed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine.selector.report import StatsRow


def gate_rates(rows: Sequence[StatsRow]) -> list[dict[str, Any]]:
    """One entry per model × task that produced at least one judged output (rules rows have none)."""
    return [{"model": row.model, "task": row.task, "selections": row.selections, "gated": row.gated,
             "passed": round((row.gate_pass_rate or 0.0) * row.gated), "pass_rate": row.gate_pass_rate,
             "failures": dict(row.failures)}
            for row in rows if row.model and row.selections]


def format_gate(rates: Sequence[dict[str, Any]], indent: str = "  ") -> str:
    """`model · task: passed/gated (rate), failures` lines; a line saying so when no model ran."""
    if not rates:
        return f"{indent}gate pass rate: no model output was judged"
    lines = [f"{indent}gate pass rate per model × task:"]
    for r in rates:
        share = "—" if r["pass_rate"] is None else f"{r['pass_rate']:.0%}"
        failures = ", ".join(f"{k} {v}" for k, v in sorted(r["failures"].items())) or "none"
        lines.append(f"{indent}  {r['model']} · {r['task']}: {r['passed']}/{r['gated']} passed ({share}), "
                     f"{r['selections']} calls, failures: {failures}")
    return "\n".join(lines)
