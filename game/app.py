"""The Textual app: receives its collaborators, shows the title screen, warms models up in the background."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual import on, work
from textual.app import App
from textual.reactive import reactive

from engine.safety import DISCLAIMER
from game.messages import (
    GameClosed,
    PipelineFailed,
    PipelineReady,
    WarmupDone,
    WarmupProgress,
)
from game.screens.play import PlayScreen
from game.screens.settings import SettingsScreen
from game.screens.title import StoryInfo, TitleScreen

if TYPE_CHECKING:
    from engine.turn.pipeline import TurnPipeline

WARMUP_DELAY_S = 0.3
"""Pause between showing the title and starting the model warm-up."""
QUIT_GRACE_S = 5.0
"""Longest wait for the pipeline to save and stop before the app exits anyway."""


class ModelWarmup(Protocol):
    """Loads (and if needed converts) models; blocking, so the app runs it in a thread."""

    def warm(self, progress: Callable[[str, float], None]) -> Sequence[str] | None:
        """Report `progress(label, fraction 0..1)` as it goes; may return the models that failed."""
        ...


class TTAApp(App[None]):
    """The game. Built by game/factory.py; tests build it the same way with a scripted backend."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "TTA"
    ENABLE_COMMAND_PALETTE = True

    warmup_label: reactive[str] = reactive("")
    warmup_fraction: reactive[float] = reactive(0.0)
    warmup_active: reactive[bool] = reactive(False)

    def __init__(
        self,
        pipeline_factory: Callable[[Path], TurnPipeline],
        stories: Sequence[StoryInfo],
        *,
        model_loader: ModelWarmup | None = None,
        author: bool = False,
        settings_info: Mapping[str, str] | None = None,
        selected_story: Path | None = None,
        skip_title: bool = False,
        notices: Sequence[str] = (),
    ) -> None:
        """`skip_title` starts `selected_story` at once (e.g. `tta play STORY --author`)."""
        super().__init__()
        self.pipeline_factory = pipeline_factory
        self.stories = list(stories)
        self.model_loader = model_loader
        self.author = author
        self.settings_info = dict(settings_info or {})
        self.selected_story = selected_story
        self.skip_title = skip_title
        self.notices = list(notices)
        self.pipeline: TurnPipeline | None = None

    def on_mount(self) -> None:
        self.push_screen(TitleScreen(self.stories, DISCLAIMER, self.selected_story, self.notices))
        if self.model_loader is not None:
            loader = self.model_loader
            self.warmup_active = True
            self.warmup_label = "Preparing models…"
            # Started once the title is on screen: importing torch in the worker competes for the GIL.
            self.set_timer(WARMUP_DELAY_S, lambda: self._warm_up(loader))
        if self.skip_title and self.selected_story is not None:
            chosen = next((s for s in self.stories if s.path == self.selected_story), None)
            story = chosen or StoryInfo(self.selected_story, self.selected_story.name, self.selected_story.name)
            self._open_story(story, resume=False)

    # -- models warm up in the background; the rules play meanwhile ---------------------------------

    @work(thread=True, exclusive=True, group="warmup", exit_on_error=False)
    def _warm_up(self, loader: ModelWarmup) -> None:
        def progress(label: str, fraction: float) -> None:
            self.post_message(WarmupProgress(label, fraction))

        try:
            failures = loader.warm(progress)
        except Exception as exc:  # noqa: BLE001 - the game stays on the rules; say so once
            self.post_message(WarmupDone(f"{type(exc).__name__}: {exc}"))
        else:
            # A loader may return the models that failed to load; the others are in use.
            self.post_message(WarmupDone("; ".join(map(str, failures)) if failures else None))

    @on(WarmupProgress)
    def _warmup_progress(self, message: WarmupProgress) -> None:
        self.warmup_label = message.label
        self.warmup_fraction = max(0.0, min(1.0, message.fraction))

    @on(WarmupDone)
    def _warmup_done(self, message: WarmupDone) -> None:
        self.warmup_active = False
        if message.error:
            self.notify(f"Models unavailable, playing without them: {message.error}", severity="warning",
                        timeout=6)

    # -- starting a story ---------------------------------------------------------------------------

    @on(TitleScreen.StartGame)
    def _start_game(self, message: TitleScreen.StartGame) -> None:
        self._open_story(message.story, message.resume)

    @on(TitleScreen.ShowSettings)
    def _show_settings(self) -> None:
        self.push_screen(SettingsScreen(self.settings_info))

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_story(self, story: StoryInfo, resume: bool) -> None:
        try:
            pipeline = self.pipeline_factory(story.path)
        except Exception as exc:  # noqa: BLE001 - e.g. a broken story: its message lists file:line:col
            self.post_message(PipelineFailed(str(exc) or type(exc).__name__))
            return
        self.post_message(PipelineReady(pipeline, resume))

    @on(PipelineReady)
    def _pipeline_ready(self, message: PipelineReady) -> None:
        self.pipeline = message.pipeline
        self.push_screen(PlayScreen(message.pipeline, author=self.author, resume=message.resume))

    @on(PipelineFailed)
    def _pipeline_failed(self, message: PipelineFailed) -> None:
        self.notify(message.error, title="Could not open the story", severity="error", timeout=10)

    # -- quitting asks nothing and loses nothing ------------------------------------------------------

    async def action_quit(self) -> None:
        """Let the play screen save and stop its pipeline, then exit (with a time limit)."""
        play = next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)
        if play is None:
            self.exit()
            return
        self.set_timer(QUIT_GRACE_S, self.exit)
        play.close_game()

    @on(GameClosed)
    def _game_closed(self) -> None:
        self.exit()
