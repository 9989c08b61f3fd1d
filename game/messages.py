"""Typed messages that workers post to the UI; widgets are only ever touched from the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from engine.selector.report import StatsRow
from engine.turn.events import TurnEvent
from engine.turn.views import LoadedModel, SaveRow

if TYPE_CHECKING:
    from engine.turn.pipeline import TurnPipeline


class TurnEventPosted(Message):
    """One event of a running turn (anything but a narration delta)."""

    def __init__(self, event: TurnEvent) -> None:
        super().__init__()
        self.event = event


class NarrationProgress(Message):
    """The narration so far; a newer one replaces an older one still queued, so the UI never falls behind."""

    def __init__(self, text_so_far: str) -> None:
        super().__init__()
        self.text_so_far = text_so_far

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, NarrationProgress)


class TurnFinished(Message):
    """The turn's worker has returned (normally, or with `error`)."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class WarmupProgress(Message):
    """Model warm-up progress; coalesces like narration."""

    def __init__(self, label: str, fraction: float) -> None:
        super().__init__()
        self.label = label
        self.fraction = fraction

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, WarmupProgress)


class WarmupDone(Message):
    """Model warm-up finished; `error` says why it failed (the game stays on the rules)."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class StoryReloaded(Message):
    """Author mode: the story file was reloaded; `problems` are printable `file:line:col` lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems


class PipelineReady(Message):
    """The pipeline for the chosen story was built (off the UI thread)."""

    def __init__(self, pipeline: TurnPipeline, resume: bool) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.resume = resume


class PipelineFailed(Message):
    """The chosen story could not be opened; `error` is shown as is (e.g. `file:line:col: message` lines)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class GameClosed(Message):
    """The pipeline has saved and stopped; the app may exit."""


class ModelStatusReady(Message):
    """The loaded models, read in the play screen's lane."""

    def __init__(self, loaded: list[LoadedModel]) -> None:
        super().__init__()
        self.loaded = loaded


class StatsReady(Message):
    """Per model × task statistics, read in the play screen's lane."""

    def __init__(self, rows: list[StatsRow]) -> None:
        super().__init__()
        self.rows = rows


class SavesListed(Message):
    """This story's saves, newest first, read in the lane (for the load dialog)."""

    def __init__(self, rows: list[SaveRow]) -> None:
        super().__init__()
        self.rows = rows


class ScenesListed(Message):
    """Author mode: (id, label) of every scene, read in the lane (for the jump dialog)."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.entries = entries


class AuthorStateShown(Message):
    """Author mode: the GameState as JSON, read in the lane after a change."""

    def __init__(self, state_json: str) -> None:
        super().__init__()
        self.state_json = state_json


class Notice(Message):
    """A quiet confirmation from the lane (a rating, a note), shown as a notification."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
