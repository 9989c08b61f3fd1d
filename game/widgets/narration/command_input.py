"""The command line, with history on up/down like a shell."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class CommandInput(Input):
    """An Input that remembers submitted commands; up/down walk through them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Previous command", show=False),
        Binding("down", "history(1)", "Next command", show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None, max_history: int = 200) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.history: list[str] = []
        self._max_history = max_history
        self._index = 0
        self._draft = ""

    def remember(self, command: str) -> None:
        """Add a submitted command (consecutive duplicates are kept once)."""
        if command and (not self.history or self.history[-1] != command):
            self.history.append(command)
            del self.history[: -self._max_history]
        self._index = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Move through history; past the newest entry returns to what was being typed."""
        if not self.history:
            return
        if self._index == len(self.history):
            self._draft = self.value
        self._index = max(0, min(len(self.history), self._index + step))
        self.value = self._draft if self._index == len(self.history) else self.history[self._index]
        self.cursor_position = len(self.value)
