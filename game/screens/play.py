"""The play screen: narration log, command line, side panels; everything that touches the game runs in one
worker lane, off the UI thread, and reaches the widgets as typed snapshots."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input

from engine.turn.events import (
    CrisisOptionId,
    CrisisShown,
    Echo,
    GroundingDone,
    GroundingStep,
    ModelUsed,
    NarrationDone,
    NarrationStart,
    StateChanged,
    SystemText,
    TurnDone,
    TurnEvent,
)
from engine.turn.meta_texts import save_line
from game.messages import (
    AuthorStateShown,
    ModelStatusReady,
    NarrationProgress,
    Notice,
    SavesListed,
    ScenesListed,
    StatsReady,
    StoryReloaded,
    TurnEventPosted,
)
from game.screens.author_actions import AuthorActions
from game.screens.choose import ChooseDialog
from game.screens.crisis import CrisisScreen
from game.screens.note import PromptDialog, note_dialog
from game.screens.palette import MetaCommands, PaletteCommand
from game.screens.stats import StatsScreen
from game.widgets.author.panel import AuthorPanel
from game.widgets.narration.command_input import CommandInput
from game.widgets.narration.log import NarrationLog
from game.widgets.status.model_panel import ModelPanel
from game.widgets.status.side_panel import SidePanel
from game.widgets.status.warmup_bar import WarmupBar

if TYPE_CHECKING:
    from engine.turn.pipeline import TurnPipeline

AUTOSAVE_SLOT = "auto"
KEYS_HELP = """\
Keys: Enter plays a command · Up/Down recall earlier ones · Esc leaves the command line, then 1–5 rate
the last response (+ good, - poor) · Ctrl+N note · F2 model panel · F3 stats · Ctrl+S save · Ctrl+O load
Ctrl+Z undo · Ctrl+P command palette · Ctrl+Q quit (your game is saved every turn)"""


class PlayScreen(AuthorActions):
    """Plays one story through a TurnPipeline; renders its events, never decides anything."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {MetaCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "toggle_focus", "Rate keys", tooltip="Leave the command line to use 1–5, +, -"),
        *(Binding(str(n), f"rate({n})", f"Rate {n}", show=False) for n in range(1, 6)),
        Binding("plus,equals_sign", "rate(5)", "Thumbs up", show=False),
        Binding("minus", "rate(1)", "Thumbs down", show=False),
        Binding("ctrl+n", "note", "Note"),
        Binding("f1", "help", "Help"),
        Binding("f2", "toggle_models", "Models"),
        Binding("f3", "stats", "Stats"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "load", "Load"),
        Binding("ctrl+z", "undo", "Undo"),
        *AuthorActions.AUTHOR_BINDINGS,
    ]

    def __init__(self, pipeline: TurnPipeline, *, author: bool = False, resume: bool = False) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.author = author
        self.resume = resume
        self._last_turn_id: str | None = None
        self._last_models: list[ModelUsed] = []
        self._crisis: CrisisScreen | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="play-body"):
            with Vertical(id="main"):
                yield NarrationLog(id="log")
                yield CommandInput(placeholder="What do you do?  (F1 help · Esc then 1–5 to rate)", id="command")
            yield SidePanel(id="side")
            yield ModelPanel(id="models")
            yield AuthorPanel(id="author")
        yield WarmupBar(id="warmup")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#models").display = False
        self.query_one("#author").display = self.author
        self.query_one("#command").focus()
        if self.resume:
            self.enqueue(self._resume_job)
        self.enqueue(self.pipeline.opening)
        if self.author:
            self.start_author_mode()

    def _resume_job(self) -> Iterable[TurnEvent]:
        message = self.pipeline.session.load(AUTOSAVE_SLOT)
        first_line = message.splitlines()[0] if message else ""
        yield SystemText("Continuing your saved game." if first_line.startswith("Loaded") else message, "meta")

    # -- rendering events ----------------------------------------------------------------------------

    @on(Input.Submitted, "#command")
    def _command_submitted(self, event: Input.Submitted) -> None:
        command = self.query_one(CommandInput)
        command.remember(event.value.strip())
        command.value = ""
        self.submit(event.value)

    @on(NarrationProgress)
    async def _narration_progress(self, message: NarrationProgress) -> None:
        await self.query_one(NarrationLog).progress(message.text_so_far)

    @on(TurnEventPosted)
    async def _turn_event(self, message: TurnEventPosted) -> None:
        log = self.query_one(NarrationLog)
        event = message.event
        if isinstance(event, Echo):
            if event.text.strip():  # a bare Enter (e.g. "next" in an exercise) needs no echo
                log.add_echo(event.text)
        elif isinstance(event, SystemText):
            log.add_system(event.text, event.kind)
        elif isinstance(event, NarrationStart):
            await log.begin_narration()
        elif isinstance(event, NarrationDone):
            await log.finish(event.text)
            if event.replaced and self.author:
                log.add_system(f"(model narration withdrawn: {event.reason or 'no reason given'})", "error")
        elif isinstance(event, StateChanged):
            self.query_one(SidePanel).show(event.view)
            if self.author:
                self.refresh_author_panel()
        elif isinstance(event, CrisisShown):
            self._crisis = CrisisScreen(event, lambda line: self.submit(line, echo=False))
            self.app.push_screen(self._crisis, self._crisis_choice)
        elif isinstance(event, GroundingStep) and self._crisis is not None:
            self._crisis.show_step(event)
        elif isinstance(event, GroundingDone) and self._crisis is not None:
            self._crisis.exercise_done(event)
        elif isinstance(event, TurnDone):
            self._turn_done(event)

    def _turn_done(self, event: TurnDone) -> None:
        if event.turn_id is not None:
            self._last_turn_id = event.turn_id
        if event.models:
            self._last_models = list(event.models)
        if event.ended:
            self.query_one(NarrationLog).add_system(
                f"— {event.ended} —\nThe story has ended. You can load a save, undo, or quit.", "ending")
        if self.query_one(ModelPanel).display:
            self.refresh_model_panel()
        if event.quit:
            self.app.exit()

    def show_error(self, text: str) -> None:
        """A failed job's message goes into the story log, where the player is reading."""
        self.query_one(NarrationLog).add_system(text, "error")

    @on(StoryReloaded)
    def _story_reloaded(self, message: StoryReloaded) -> None:
        self.show_reload_result(message.problems)

    def _crisis_choice(self, choice: CrisisOptionId | None) -> None:
        self._crisis = None
        self.submit(choice or "keep_playing", echo=False)

    def refresh_model_panel(self) -> None:
        """Read the loaded models in the lane; the panel shows them with the last turn's models."""
        self.enqueue(lambda: [ModelStatusReady(self.pipeline.session.model_status())])

    @on(ModelStatusReady)
    def _model_status(self, message: ModelStatusReady) -> None:
        self.query_one(ModelPanel).show(self._last_models, message.loaded)

    @on(StatsReady)
    def _stats_ready(self, message: StatsReady) -> None:
        self.app.push_screen(StatsScreen(message.rows))

    @on(Notice)
    def _notice(self, message: Notice) -> None:
        self.notify(message.text, timeout=3)

    @on(AuthorStateShown)
    def _author_state(self, message: AuthorStateShown) -> None:
        self.show_author_state(message.state_json)

    @on(ScenesListed)
    def _scenes_listed(self, message: ScenesListed) -> None:
        self.choose_scene(message.entries)

    @on(SavesListed)
    def _saves_listed(self, message: SavesListed) -> None:
        entries = [(row.slot, save_line(row)) for row in message.rows]

        def load(slot: str | None) -> None:
            session = self.pipeline.session
            if slot:  # by the session, not as typed text: a slot's name is not parsed
                self.enqueue(lambda: [SystemText(session.load(slot), "meta"), session.changed()])
        self.app.push_screen(ChooseDialog("Load a save", entries, empty="No saves yet."), load)

    # -- actions -------------------------------------------------------------------------------------

    def action_toggle_focus(self) -> None:
        """Switch between the command line and the log (where 1–5, +, - rate)."""
        command = self.query_one(CommandInput)
        if command.has_focus:
            self.query_one(NarrationLog).focus()
        else:
            command.focus()

    def action_rate(self, rating: int) -> None:
        """Rate the last response in the lane; a quiet confirmation, no dialog."""
        turn_id = self._last_turn_id
        self.enqueue(lambda: [Notice(self.pipeline.session.rate(rating, turn_id=turn_id))])

    def action_note(self) -> None:
        """Ask for a note about the last response."""
        turn_id = self._last_turn_id

        def attach(text: str | None) -> None:
            if text:  # screened like every typed text; a note that fires is never attached
                self.enqueue(lambda: self.pipeline.screen_aside(text)
                             or [Notice(self.pipeline.session.note(text, turn_id=turn_id))])
        self.app.push_screen(note_dialog(), attach)

    def action_help(self) -> None:
        """The game's help, then the keys of this screen."""
        self.submit("help")
        self.enqueue(lambda: [SystemText(KEYS_HELP, "meta")])

    def action_toggle_models(self) -> None:
        """Show the model panel in place of the side panel, or back."""
        panel = self.query_one(ModelPanel)
        panel.display = not panel.display
        self.query_one(SidePanel).display = not panel.display
        if panel.display:
            self.refresh_model_panel()

    def action_stats(self) -> None:
        """Open the stats screen (read in the lane)."""
        self.enqueue(lambda: [StatsReady(self.pipeline.session.stats())])

    def action_save(self) -> None:
        """Save to a named slot."""
        def save(slot: str | None) -> None:
            if slot:
                self.enqueue(lambda: [SystemText(self.pipeline.session.save(slot), "meta")])
        self.app.push_screen(PromptDialog("Save to slot", value="quick"), save)

    def action_load(self) -> None:
        """Pick a save to load (listed in the lane)."""
        self.enqueue(lambda: [SavesListed(self.pipeline.session.saves())])

    def action_undo(self) -> None:
        """Take back the last turn."""
        self.command("undo")

    def palette_commands(self) -> list[PaletteCommand]:
        """Meta commands for the command palette."""
        commands = [
            PaletteCommand("Save game", "Save to a named slot", self.action_save),
            PaletteCommand("Load game", "Load a saved game", self.action_load),
            PaletteCommand("Undo", "Take back the last turn", self.action_undo),
            *(PaletteCommand(f"Rate last response {n}/5", "Feeds the model selector", partial(self.action_rate, n))
              for n in range(5, 0, -1)),
            PaletteCommand("Note about last response", "A playtest note", self.action_note),
            PaletteCommand("Hint", "A nudge for this scene", lambda: self.submit("hint")),
            PaletteCommand("Help", "Commands and keys", self.action_help),
            PaletteCommand("Model panel", "Which model served each task", self.action_toggle_models),
            PaletteCommand("Stats", "Models × tasks: speed, success, ratings", self.action_stats),
            PaletteCommand("Quit", "Your game is saved every turn", self.app.action_quit),
        ]
        return commands + (self.author_palette_commands() if self.author else [])
