"""The author panel: validation problems (file:line) above the current GameState as JSON."""

from __future__ import annotations

from collections.abc import Sequence

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static


class AuthorPanel(VerticalScroll):
    """Refreshed after every turn and every reload; shows text literally."""

    def compose(self) -> ComposeResult:
        yield Label("Problems", classes="heading", id="problems-heading")
        yield Static(id="problems")
        yield Label("State", classes="heading")
        yield Static(id="state-json")

    def on_mount(self) -> None:
        self.show_problems([])

    def show_state(self, state_json: str) -> None:
        """The state inspector's contents."""
        self.query_one("#state-json", Static).update(Syntax(state_json, "json", word_wrap=True, theme="ansi_dark"))

    def show_problems(self, problems: Sequence[str]) -> None:
        """Validation problems of the last reload, each `file:line:col: severity: message`; hidden when none."""
        self.query_one("#problems-heading").display = bool(problems)
        view = self.query_one("#problems", Static)
        view.display = bool(problems)
        view.update(Text("\n".join(problems), style="red"))
