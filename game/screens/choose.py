"""A dialog that picks one entry from a list (a scene to jump to, a save to load)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class ChooseDialog(ModalScreen[str | None]):
    """Returns the chosen entry's id, or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, entries: Sequence[tuple[str, str]], empty: str = "Nothing to choose") -> None:
        """`entries` are (id, label) pairs; labels are shown literally."""
        super().__init__(classes="dialog")
        self._title = title
        self._entries = list(entries)
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="heading", markup=False)
            if self._entries:
                yield OptionList(*(Option(Text(label), id=key) for key, label in self._entries), id="choices")
            else:
                yield Label(self._empty, classes="hint", markup=False)
            yield Label("Enter to choose · Esc to cancel", classes="hint")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
