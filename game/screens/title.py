"""The title screen: pick a story, start anew or continue, see the settings; models warm up meanwhile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from engine.safety import literal
from game.widgets.status.warmup_bar import WarmupBar


@dataclass(frozen=True)
class StoryInfo:
    """A story the player can pick (built by the factory from the stories folder and the saves)."""

    path: Path
    title: str
    story_id: str
    has_save: bool = False
    """True when an autosave exists, so "Continue" makes sense."""


class TitleScreen(Screen[None]):
    """First screen; posts `StartGame` when the player starts or continues a story."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "start(False)", "New game"),
        Binding("c", "start(True)", "Continue"),
        Binding("s", "settings", "Settings"),
        Binding("q", "app.quit", "Quit"),
    ]

    class StartGame(Message):
        """The player chose a story; `resume` continues its last save."""

        def __init__(self, story: StoryInfo, resume: bool) -> None:
            super().__init__()
            self.story = story
            self.resume = resume

    class ShowSettings(Message):
        """The player asked for the settings screen."""

    def __init__(self, stories: Sequence[StoryInfo], disclaimer: str, selected: Path | None = None,
                 notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.stories = list(stories)
        self.disclaimer = disclaimer
        self._selected = selected
        self._notices = list(notices)
        """What the data stores said while the stories were listed (a damaged save file moved aside)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="title-body"):
            yield Static(Text("TTA", style="bold"), id="title-name")
            yield Static(Text("a therapeutic text adventure"), id="title-tagline")
            yield Label("Choose a story", classes="heading")
            yield OptionList(*(self._option(s) for s in self.stories), id="story-list")
            with Horizontal(id="title-buttons"):
                yield Button("New game", id="new", variant="primary")
                yield Button("Continue", id="continue")
                yield Button("Settings", id="settings")
            yield Static(Text(self.disclaimer), id="disclaimer")
        yield WarmupBar(id="warmup")
        yield Footer()

    def on_mount(self) -> None:
        stories = self.query_one("#story-list", OptionList)
        index = next((i for i, s in enumerate(self.stories) if s.path == self._selected), 0)
        if self.stories:
            stories.highlighted = index
        stories.focus()
        self._sync_continue()
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=12)

    @staticmethod
    def _option(story: StoryInfo) -> Option:
        label = literal(story.title)  # authored, so shown as safely as player text
        if story.has_save:
            label.append("  (saved game)", style="dim")
        return Option(label, id=str(story.path))

    @property
    def current(self) -> StoryInfo | None:
        """The highlighted story."""
        index = self.query_one("#story-list", OptionList).highlighted
        return self.stories[index] if index is not None and self.stories else None

    @on(OptionList.OptionHighlighted)
    def _sync_continue(self) -> None:
        story = self.current
        self.query_one("#continue", Button).disabled = story is None or not story.has_save

    @on(OptionList.OptionSelected)
    def _selected_story(self) -> None:
        story = self.current
        self.action_start(bool(story and story.has_save))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "settings":
            self.action_settings()
        else:
            self.action_start(event.button.id == "continue")

    def action_start(self, resume: bool) -> None:
        """Start (or continue) the highlighted story."""
        story = self.current
        if story is None:
            self.notify("No stories found.", severity="warning")
            return
        if resume and not story.has_save:
            self.notify("No saved game for this story yet.")
            return
        self.post_message(self.StartGame(story, resume))

    def action_settings(self) -> None:
        """Show the active settings."""
        self.post_message(self.ShowSettings())
