"""The side panel: place, exits, inventory and the mood log, refreshed after every turn."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from engine.safety import literal
from engine.turn.events import SceneView


class SidePanel(VerticalScroll):
    """Shows what the engine says is true now; it never decides anything."""

    def compose(self) -> ComposeResult:
        yield Label("Place", classes="heading")
        yield Static(id="place")
        yield Label("Exits", classes="heading")
        yield Static(id="exits")
        yield Label("Carrying", classes="heading")
        yield Static(id="inventory")
        yield Label("Mood log", classes="heading")
        yield Static(id="moods")

    def show(self, view: SceneView) -> None:
        """Replace the panel's contents with a snapshot built on the turn's thread; all text is shown literally."""
        self.query_one("#place", Static).update(literal(view.title))
        self.query_one("#exits", Static).update(_lines(f"{d}: {t}" for d, t in view.exits))
        self.query_one("#inventory", Static).update(_lines(view.inventory, "nothing"))
        self.query_one("#moods", Static).update(_lines(view.moods, "no check-ins yet"))


def _lines(items: Iterable[str], empty: str = "none") -> Text:
    rows = list(items)
    if not rows:
        return Text(empty, style="dim italic")
    return literal("\n".join(f"• {row}" for row in rows))
