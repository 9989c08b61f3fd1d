"""Evaluation reports as text: tables per category and per tier, then every failure, one per line."""

from __future__ import annotations

from engine.safety.evaluation import EvalReport, Scored
from engine.safety.rendering import sanitize_text

_HEAD = f"{'':<16}{'cases':>6}{'caught':>9}{'at tier':>9}   none check-in crisis imminent"


def format_report(title: str, report: EvalReport) -> str:
    """A titled report: per-category and per-tier tables, the failures, and the summary line last."""
    lines = [f"== {title}", "per category", _HEAD]
    lines += [_row(str(row["category"]), row) for row in report.rows("category")]
    lines += ["per labelled tier", _HEAD]
    lines += [_row(str(row["tier"]), row) for row in report.rows("tier")]
    lines += failure_lines(report)
    lines.append(report.summary())
    return "\n".join(lines)


def failure_lines(report: EvalReport) -> list[str]:
    """`label<TAB>level<TAB>source<TAB>score<TAB>case` for every miss, weak result and false alarm."""
    found = []
    for label, items in (("missed", report.missed), ("below tier", report.too_weak),
                         ("false positive", report.false_positives)):
        found += [f"{label}\t{s.result.level}\t{s.result.source}\t{_score(s)}\t{_case(s)}" for s in items]
    return found


def _row(name: str, row: dict[str, object]) -> str:
    cases = int(str(row["cases"]))
    if row["negative"]:
        quiet = int(str(row["none"]))
        figures = f"{cases:>6}{'':>9}{f'{quiet / cases:.0%} ok':>9}"
    else:
        caught, at_tier = int(str(row["caught"])), int(str(row["at_tier"]))
        figures = f"{cases:>6}{caught / cases:>9.0%}{at_tier / cases:>9.0%}"
    counts = f"{row['none']:>7}{row['check-in']:>9}{row['crisis']:>7}{row['imminent']:>9}"
    return f"  {name:<14}{figures}{counts}"


def _score(item: Scored) -> str:
    return "-" if item.result.score is None else f"{item.result.score:.2f}"


def _case(item: Scored) -> str:
    return f"[{item.case.category}/{item.case.label}] {sanitize_text(item.case.text)}"
