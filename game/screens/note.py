"""A small dialog for writing a playtest note about the last response."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PromptDialog(ModalScreen[str | None]):
    """Asks for one line of text; Enter returns it, Escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._placeholder = placeholder
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="heading", markup=False)
            yield Input(value=self._value, placeholder=self._placeholder, id="dialog-input")
            yield Label("Enter to confirm · Esc to cancel", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)


def note_dialog() -> PromptDialog:
    """The playtest note dialog."""
    return PromptDialog("Note about the last response", placeholder="What worked, what did not…")
