"""The model panel: which model served each task last turn, why, how fast; what is loaded."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from engine.safety import literal
from engine.turn.events import ModelUsed
from engine.turn.views import LoadedModel


class ModelPanel(VerticalScroll):
    """Toggled from the play screen; filled from the pipeline's last turn and model status."""

    def compose(self) -> ComposeResult:
        yield Label("Last turn", classes="heading")
        yield Static(id="model-turn")
        yield Label("Loaded models", classes="heading")
        yield Static(id="model-loaded")

    def show(self, used: Sequence[ModelUsed], loaded: Sequence[LoadedModel]) -> None:
        """Replace the panel's contents."""
        self.query_one("#model-turn", Static).update(render_turn(used))
        self.query_one("#model-loaded", Static).update(render_loaded(loaded))


def render_turn(used: Sequence[ModelUsed]) -> RenderableType:
    """Per task: the model (or the rules), its speed, and the selector's explanation; model text stays literal."""
    if not used:
        return Text("No turn has used the selector yet.", style="dim")
    parts: list[RenderableType] = []
    for item in used:
        head = Text(str(item.task), style="bold")
        head.append(" → ")
        head.append_text(literal(item.model or "rules (no model)"))
        timing = [p for p in (_fmt(item.ttft_s, "TTFT {:.2f}s"), _fmt(item.tokens_per_s, "{:.1f} tok/s")) if p]
        if timing:
            head.append("  " + " · ".join(timing), style="cyan")
        if item.outcome != "ok":
            head.append(f"  [{item.outcome}]", style="red")
        parts.append(head)
        # Indented as a block so wrapped lines stay under their entry.
        parts.append(Padding(literal(item.explanation), (0, 0, 1, 2)))
    return Group(*parts)


def render_loaded(loaded: Sequence[LoadedModel]) -> Text:
    """One line per loaded model with its memory."""
    if not loaded:
        return Text("none: playing on the rules", style="dim")
    text = Text()
    for info in loaded:
        text.append_text(literal(info.name))
        memory = _fmt(info.memory_mb, "{:.0f} MB")
        if memory:
            text.append(f"  {memory}", style="cyan")
        text.append("\n")
    return text


def _fmt(value: float | None, pattern: str) -> str:
    # A call that produced nothing (withdrawn, failed) has no meaningful speed: show nothing, not 0.0.
    return "" if not value else pattern.format(value)
