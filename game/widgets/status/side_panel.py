"""The side panel: place, exits, inventory and the mood log, refreshed after every turn."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from engine.safety import literal


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

    def show(
        self, place: str, exits: Mapping[str, str], inventory: Sequence[str], moods: Sequence[str]
    ) -> None:
        """Replace the panel's contents; all text is shown literally."""
        self.query_one("#place", Static).update(literal(place))
        self.query_one("#exits", Static).update(_lines(f"{d}: {t}" for d, t in exits.items()))
        self.query_one("#inventory", Static).update(_lines(inventory, "nothing"))
        self.query_one("#moods", Static).update(_lines(moods, "no check-ins yet"))


def _lines(items: Iterable[str], empty: str = "none") -> Text:
    rows = list(items)
    if not rows:
        return Text(empty, style="dim italic")
    return literal("\n".join(f"• {row}" for row in rows))
