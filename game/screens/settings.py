"""The settings screen: what the game runs with (profile, models); edited in settings.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


class SettingsScreen(ModalScreen[None]):
    """Shows the active settings as name/value rows."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, info: Mapping[str, str]) -> None:
        super().__init__(classes="dialog")
        self.info = dict(info)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("Settings", classes="heading")
            yield DataTable(id="settings-table", show_cursor=False)
            hint = "Change them in settings.yaml or with TTA_… environment variables · Esc to close"
            yield Label(hint, classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("setting", "value")
        for name, value in self.info.items():
            table.add_row(Text(name), Text(value))
