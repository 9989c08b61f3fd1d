"""The crisis screen: the safety layer's calm message, help resources, and three ways forward.

For the imminent tier (harm under way or about to be) the emergency-number line comes first, in a
banner above everything else.

The grounding exercise runs in the engine (engine/turn/crisis_flow.py); this screen renders its steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from engine.safety import literal
from engine.turn.events import CrisisOptionId, CrisisShown, GroundingDone, GroundingStep

NEXT_STEP = "next"
"""What the Next button sends to the engine's exercise (any input but stop goes on)."""


class CrisisScreen(Screen[CrisisOptionId]):
    """Shown instead of the story; dismisses with "keep_playing" or "quit" (the exercise runs in place).

    `send` plays a line in the play screen's lane: an option's id, or the next step of the exercise.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('keep_playing')", "Back to the game")]

    def __init__(self, crisis: CrisisShown, send: Callable[[str], None]) -> None:
        super().__init__()
        self.crisis = crisis
        self._send = send
        self.step: GroundingStep | None = None
        """The grounding step showing, if the exercise is running."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="crisis-body", classes=f"tier-{self.crisis.level}"):
            if self.crisis.emergency:
                yield Static(literal(self.crisis.emergency), id="crisis-emergency")
            yield Static(literal(self.crisis.message), id="crisis-message")
            yield Static(id="grounding-step")
            with Center(id="grounding-nav"):
                yield Button("Next", id="grounding-next", variant="primary")
            with Horizontal(id="crisis-options"):
                for index, option in enumerate(self.crisis.options):
                    yield Button(Text(option.label[:1].upper() + option.label[1:]), id=f"option-{index}")
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
            self._send(NEXT_STEP)
        elif button_id.startswith("option-"):
            self.action_choose(self.crisis.options[int(button_id.removeprefix("option-"))].id)

    def action_choose(self, option: CrisisOptionId) -> None:
        """Act on one of the three options, by id."""
        if option == "grounding":
            self.query_one("#crisis-message").display = False
            self.query_one("#crisis-options").display = False
            self._send(option)
        else:
            self.dismiss(option)

    def show_step(self, step: GroundingStep) -> None:
        """Show one step of the engine's exercise."""
        self.step = step
        self.query_one("#crisis-message").display = False
        self.query_one("#crisis-options").display = False
        view = self.query_one("#grounding-step", Static)
        view.display = True
        self.query_one("#grounding-nav").display = True
        text = Text(f"Step {step.step} of {step.total}\n\n", style="dim")
        text.append(step.text)
        view.update(text)
        self.query_one("#grounding-next", Button).focus()

    def exercise_done(self, done: GroundingDone) -> None:
        """The exercise ended: its closing words, and the three options again."""
        self.step = None
        self.query_one("#grounding-step", Static).update(Text(done.text))
        self.query_one("#grounding-nav").display = False
        self.query_one("#crisis-options").display = True
        self.query_one("#option-0", Button).focus()


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
