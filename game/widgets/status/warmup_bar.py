"""A slim progress bar for the background model warm-up; it hides itself when warm-up ends."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

if TYPE_CHECKING:
    from game.app import TTAApp


class WarmupBar(Horizontal):
    """Mirrors the app's warm-up state (label, fraction, active) wherever it is placed."""

    def compose(self) -> ComposeResult:
        yield Label(id="warmup-label")
        yield ProgressBar(total=1.0, show_eta=False, id="warmup-progress")

    def on_mount(self) -> None:
        app = cast("TTAApp", self.app)
        self.watch(app, "warmup_label", self._sync, init=False)
        self.watch(app, "warmup_fraction", self._sync, init=False)
        self.watch(app, "warmup_active", self._sync, init=False)
        self._sync()

    def _sync(self, _value: object = None) -> None:
        app = cast("TTAApp", self.app)
        self.display = app.warmup_active
        self.query_one("#warmup-label", Label).update(Text(app.warmup_label))
        self.query_one("#warmup-progress", ProgressBar).update(progress=app.warmup_fraction)
