"""The stats screen: per model × task selections, success, speed, rating and trend, with bar charts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from game.widgets.stats.bars import bar_chart, sparkline

COLUMNS = ("model", "task", "selections", "success", "avg tok/s", "mean rating", "trend")


class StatsScreen(Screen[None]):
    """Read-only view of the performance tracker; Escape returns to the game."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f3", "app.pop_screen", "Back")]

    def __init__(self, rows: Sequence[Mapping[str, Any]]) -> None:
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


def table_row(row: Mapping[str, Any]) -> list[str]:
    """One row of the table as display strings."""
    return [
        str(row.get("model") or "rules"),
        str(row.get("task", "")),
        str(row.get("selections", 0)),
        _num(row.get("success_rate"), "{:.0%}"),
        _num(row.get("avg_tok_s"), "{:.1f}"),
        _num(row.get("mean_rating"), "{:.2f}"),
        _trend(row.get("trend")),
    ]


def charts(rows: Sequence[Mapping[str, Any]]) -> Group:
    """Bar charts of speed and rating per model × task."""
    labels = [f"{row.get('model') or 'rules'} · {row.get('task', '')}" for row in rows]
    speed = bar_chart("Average speed (tokens/s)", list(zip(labels, (_opt(r.get("avg_tok_s")) for r in rows))))
    rating = bar_chart("Mean rating (1–5)", list(zip(labels, (_opt(r.get("mean_rating")) for r in rows))))
    return Group(speed, Text(""), rating)


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)


def _num(value: Any, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def _trend(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return sparkline([float(v) for v in value])
    return "" if value is None else str(value)
