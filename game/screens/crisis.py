"""The crisis screen: the safety layer's calm message, help resources, and three ways forward."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from engine.safety import literal
from engine.turn.events import CrisisShown

CrisisChoice = Literal["keep playing", "grounding", "quit"]


def classify_option(option: str) -> CrisisChoice:
    """Map one of the safety layer's option labels to what the screen does with it."""
    lowered = option.lower()
    if "ground" in lowered:
        return "grounding"
    if "quit" in lowered or "stop" in lowered:
        return "quit"
    return "keep playing"


class CrisisScreen(Screen[CrisisChoice]):
    """Shown instead of the story; dismisses with "keep playing" or "quit" (grounding runs in place)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('keep playing')", "Back to the game")]

    def __init__(self, crisis: CrisisShown, grounding_steps: Sequence[str]) -> None:
        super().__init__()
        self.crisis = crisis
        self.grounding_steps = list(grounding_steps)
        self.step = -1
        """Index of the grounding step showing; -1 while the message is showing."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="crisis-body"):
            yield Static(literal(self.crisis.message), id="crisis-message")
            yield Static(id="grounding-step")
            with Center(id="grounding-nav"):
                yield Button("Next", id="grounding-next", variant="primary")
            with Horizontal(id="crisis-options"):
                for index, option in enumerate(self.crisis.options):
                    yield Button(Text(option[:1].upper() + option[1:]), id=f"option-{index}")
            yield Label("Where to find help", classes="heading")
            yield Static(_resources(self.crisis.resources), id="crisis-resources")

    def on_mount(self) -> None:
        self.query_one("#grounding-step").display = False
        self.query_one("#grounding-nav").display = False
        self.query_one("#option-0", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "grounding-next":
            self.next_step()
        elif button_id.startswith("option-"):
            self.action_choose(self.crisis.options[int(button_id.removeprefix("option-"))])

    def action_choose(self, option: str) -> None:
        """Act on one of the three options."""
        choice = classify_option(option)
        if choice == "grounding":
            self.start_grounding()
        else:
            self.dismiss(choice)

    def start_grounding(self) -> None:
        """Show the grounding exercise, one step at a time."""
        if not self.grounding_steps:
            self.dismiss("keep playing")
            return
        self.query_one("#crisis-message").display = False
        self.query_one("#crisis-options").display = False
        self.query_one("#grounding-step").display = True
        self.query_one("#grounding-nav").display = True
        self.step = -1
        self.next_step()
        self.query_one("#grounding-next", Button).focus()

    def next_step(self) -> None:
        """Advance the exercise; after the last step the three options return."""
        self.step += 1
        step_view = self.query_one("#grounding-step", Static)
        if self.step >= len(self.grounding_steps):
            step_view.update(Text("Take whatever time you need. When you are ready, choose what to do next."))
            self.query_one("#grounding-nav").display = False
            self.query_one("#crisis-options").display = True
            self.query_one("#option-0", Button).focus()
            return
        total = len(self.grounding_steps)
        text = Text(f"Step {self.step + 1} of {total}\n\n", style="dim")
        text.append(self.grounding_steps[self.step])
        step_view.update(text)


def _resources(resources: Sequence[tuple[str, str, str]]) -> Table:
    """One bulleted entry per resource; wrapped lines stay indented under their bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for name, contact, note in resources:
        # Text.append never parses markup, so the settings' text shows as written.
        entry = Text(name, style="bold")
        entry.append("\n")
        entry.append(contact)
        if note:
            entry.append("\n")
            entry.append(note, style="dim")
        grid.add_row("•", entry)
    return grid
