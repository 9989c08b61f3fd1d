"""The play screen: narration log, command line, side panels; turns run in one worker lane, off the UI thread."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Input

from engine.safety import GROUNDING_STEPS
from engine.saves import SaveInfo
from engine.turn.events import (
    CrisisShown,
    Echo,
    ModelUsed,
    NarrationDelta,
    NarrationDone,
    NarrationStart,
    StateChanged,
    SystemText,
    TurnDone,
    TurnEvent,
)
from game.messages import (
    GameClosed,
    ModelStatusReady,
    NarrationProgress,
    QueryFailed,
    StatsReady,
    StoryReloaded,
    TurnEventPosted,
    TurnFinished,
)
from game.screens.author_actions import AuthorActions, Job
from game.screens.choose import ChooseDialog
from game.screens.crisis import CrisisChoice, CrisisScreen
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

T = TypeVar("T")

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
        self.running = False
        """True while the lane's worker is driving the pipeline."""
        self._lane: deque[Job] = deque()
        self._last_turn_id: str | None = None
        self._last_models: list[ModelUsed] = []

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

    # -- the lane: one job at a time drives the pipeline ---------------------------------------------

    def submit(self, text: str, *, echo: bool = True) -> None:
        """Play `text` as a turn; if a turn is running, its narration is cut short and this one follows."""
        if self.running:
            self.pipeline.cancel()

        def job() -> Iterable[TurnEvent]:
            events = self.pipeline.run(text)
            return events if echo else self._without_echo(events)

        self.enqueue(job)

    def enqueue(self, job: Job) -> None:
        """Run `job` after the jobs before it."""
        self._lane.append(job)
        self._next_job()

    def _next_job(self) -> None:
        if not self.running and self._lane:
            self.running = True
            self._run_job(self._lane.popleft())

    @work(thread=True, group="turn", exit_on_error=False)
    def _run_job(self, job: Job) -> None:
        error: str | None = None
        try:
            for item in job():
                if isinstance(item, Message):
                    self.post_message(item)
                elif isinstance(item, NarrationDelta):
                    self.post_message(NarrationProgress(item.text_so_far))
                else:
                    self.post_message(TurnEventPosted(item))
        except Exception as exc:  # noqa: BLE001 - a failing turn must not end the game; show it, carry on
            error = f"Something went wrong: {type(exc).__name__}: {exc}"
        self.post_message(TurnFinished(error))

    def close_game(self) -> None:
        """Stop the narration, drop queued work, save and stop the pipeline; posts GameClosed when done."""
        self.pipeline.cancel()
        self._lane.clear()

        def close() -> Iterable[Message]:
            self.pipeline.close()
            yield GameClosed()

        self.enqueue(close)

    @staticmethod
    def _without_echo(events: Iterable[TurnEvent]) -> Iterable[TurnEvent]:
        return (event for event in events if not isinstance(event, Echo))

    def _resume_job(self) -> Iterable[TurnEvent]:
        message = self.pipeline.load(AUTOSAVE_SLOT)
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
            self.refresh_panels()
        elif isinstance(event, CrisisShown):
            self.app.push_screen(CrisisScreen(event, GROUNDING_STEPS), self._crisis_choice)
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
        self.refresh_panels()
        if event.quit:
            self.app.exit()

    @on(TurnFinished)
    def _job_finished(self, message: TurnFinished) -> None:
        self.running = False
        if message.error:
            self.query_one(NarrationLog).add_system(message.error, "error")
        self._next_job()

    @on(StoryReloaded)
    def _story_reloaded(self, message: StoryReloaded) -> None:
        self.show_reload_result(message.problems)

    def _crisis_choice(self, choice: CrisisChoice | None) -> None:
        self.submit("quit for now" if choice == "quit" else "keep playing", echo=False)

    def refresh_panels(self) -> None:
        """Re-read the engine's facts into the side, model and author panels."""
        game = self.pipeline.game
        facts = game.facts()
        scenes = game.story.scenes
        moods = [f"{scenes[m.scene].title if m.scene in scenes else m.scene}: {m.value}/5"
                 for m in game.state.mood_log[-8:]]
        self.query_one(SidePanel).show(facts.title, facts.exits, facts.inventory, moods)
        if self.query_one(ModelPanel).display:
            self._fetch(ModelStatusReady, lambda: self.pipeline.model_status())
        if self.author:
            self.refresh_author_panel()

    @work(thread=True, group="query", exit_on_error=False)
    def _fetch(self, reply: Callable[[Any], Message], query: Callable[[], Any]) -> None:
        """Run a pipeline query off the UI thread (it may wait on a model lock); post its answer."""
        try:
            self.post_message(reply(query()))
        except Exception as exc:  # noqa: BLE001 - a failing query must not end the player's game
            self.post_message(QueryFailed(f"{type(exc).__name__}: {exc}"))

    @on(ModelStatusReady)
    def _model_status(self, message: ModelStatusReady) -> None:
        self.query_one(ModelPanel).show(self._last_models, message.loaded)

    @on(StatsReady)
    def _stats_ready(self, message: StatsReady) -> None:
        self.app.push_screen(StatsScreen(message.rows))

    @on(QueryFailed)
    def _query_failed(self, message: QueryFailed) -> None:
        self.notify(message.error, title="That did not work", severity="error", timeout=6)

    def ask(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call a quick pipeline query on the UI thread; a failure is shown, never fatal to the game."""
        try:
            return query(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a failing query must not end the player's game
            self.notify(f"{type(exc).__name__}: {exc}", title="That did not work", severity="error", timeout=6)
            return None

    # -- actions -------------------------------------------------------------------------------------

    def action_toggle_focus(self) -> None:
        """Switch between the command line and the log (where 1–5, +, - rate)."""
        command = self.query_one(CommandInput)
        if command.has_focus:
            self.query_one(NarrationLog).focus()
        else:
            command.focus()

    def action_rate(self, rating: int) -> None:
        """Rate the last response; a quiet confirmation, no dialog."""
        confirmation = self.ask(self.pipeline.rate, rating, turn_id=self._last_turn_id)
        if confirmation:
            self.notify(confirmation, timeout=3)

    def action_note(self) -> None:
        """Ask for a note about the last response."""
        def attach(text: str | None) -> None:
            confirmation = self.ask(self.pipeline.note, text, turn_id=self._last_turn_id) if text else None
            if confirmation:
                self.notify(confirmation, timeout=3)
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
        self.refresh_panels()

    def action_stats(self) -> None:
        """Open the stats screen."""
        self._fetch(StatsReady, lambda: self.pipeline.stats())

    def action_save(self) -> None:
        """Save to a named slot."""
        def save(slot: str | None) -> None:
            if slot:
                self.enqueue(lambda: [SystemText(self.pipeline.save(slot), "meta")])
        self.app.push_screen(PromptDialog("Save to slot", value="quick"), save)

    def action_load(self) -> None:
        """Pick a save to load."""
        scenes = self.pipeline.game.story.scenes
        saves = [info for info in self.ask(self.pipeline.saves) or [] if isinstance(info, SaveInfo)]
        entries = [(info.slot, save_label(info, scenes[info.scene].title if info.scene in scenes else info.scene))
                   for info in saves]
        def load(slot: str | None) -> None:
            if slot:
                self.enqueue(lambda: [SystemText(self.pipeline.load(slot), "meta"), StateChanged(True)])
        self.app.push_screen(ChooseDialog("Load a save", entries, empty="No saves yet."), load)

    def action_undo(self) -> None:
        """Take back the last turn."""
        self.enqueue(lambda: [SystemText(self.pipeline.undo(), "meta"), StateChanged(True)])

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


def save_label(info: SaveInfo, scene_title: str) -> str:
    """How a save is listed: slot, place, turn and when."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.saved_at))
    return f"{info.slot}  ·  {scene_title}, turn {info.turn}  ·  {when}"
