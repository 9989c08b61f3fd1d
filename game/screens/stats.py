"""The stats screen: per model × task selections, success, gate pass rate, speed, rating and trend, with charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from engine.selector.report import StatsRow
from game.widgets.stats.bars import bar_chart, sparkline

COLUMNS = ("model", "task", "selections", "success", "gate pass", "avg tok/s", "mean rating", "trend")


class StatsScreen(Screen[None]):
    """Read-only view of the performance tracker; Escape returns to the game."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f3", "app.pop_screen", "Back")]

    def __init__(self, rows: Sequence[StatsRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-body"):
            yield Label("Models × tasks", classes="heading")
            yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
            yield Static(charts(self.rows), id="stats-charts")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for row in self.rows:
            table.add_row(*(Text(cell) for cell in table_row(row)))
        if not self.rows:
            table.add_row(Text("no generations recorded yet", style="dim"), *[""] * (len(COLUMNS) - 1))


def table_row(row: StatsRow) -> list[str]:
    """One row of the table as display strings."""
    return [
        row.model or "rules",
        row.task,
        str(row.selections),
        _num(row.success_rate, "{:.0%}"),
        gate_cell(row),
        _num(row.tokens_per_s, "{:.1f}"),
        _num(row.mean_rating, "{:.2f}"),
        sparkline([float(v) for v in row.recent_ratings]),
    ]


def gate_cell(row: StatsRow) -> str:
    """Passed/judged and the share, e.g. "3/4 75%"; a dash before any output was judged."""
    if row.gate_pass_rate is None or not row.gated:
        return "—"
    return f"{round(row.gate_pass_rate * row.gated)}/{row.gated} {row.gate_pass_rate:.0%}"


def charts(rows: Sequence[StatsRow]) -> Group:
    """Bar charts of speed and rating per model × task."""
    labels = [f"{row.model or 'rules'} · {row.task}" for row in rows]
    speed = bar_chart("Average speed (tokens/s)", list(zip(labels, (r.tokens_per_s for r in rows), strict=True)))
    rating = bar_chart("Mean rating (1–5)", list(zip(labels, (r.mean_rating for r in rows), strict=True)))
    return Group(speed, Text(""), rating)


def _num(value: float | None, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)
