"""The play screen's lane: one worker thread drives the pipeline, one job at a time, and posts typed messages."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.screen import Screen

from engine.turn.events import Echo, NarrationDelta, TurnEvent
from game.messages import GameClosed, NarrationProgress, TurnEventPosted, TurnFinished

if TYPE_CHECKING:
    from engine.turn.pipeline import TurnPipeline

Job = Callable[[], Iterable[TurnEvent | Message]]
"""Work for the lane: yields turn events (rendered) or messages (posted as they are)."""


class LaneScreen(Screen[None]):
    """Everything that reads or changes the game runs here, never on the UI thread."""

    pipeline: TurnPipeline

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        """True while the lane's worker is driving the pipeline."""
        self._lane: deque[Job] = deque()

    def submit(self, text: str, *, echo: bool = True) -> None:
        """Play `text` as a turn; if a turn is running, its narration is cut short and this one follows."""
        if self.running:
            self.pipeline.cancel()

        def job() -> Iterable[TurnEvent]:
            events = self.pipeline.run(text)
            return events if echo else without_echo(events)

        self.enqueue(job)

    def command(self, text: str) -> None:
        """Play a game command (load, undo...) in the lane, as if typed, without echoing it."""
        self.enqueue(lambda: without_echo(self.pipeline.run(text)))

    def enqueue(self, job: Job) -> None:
        """Run `job` after the jobs before it."""
        self._lane.append(job)
        self._next_job()

    def close_game(self) -> None:
        """Stop the narration, drop queued work, save and stop the pipeline; posts GameClosed when done."""
        self.pipeline.cancel()
        self._lane.clear()

        def close() -> Iterable[Message]:
            self.pipeline.close()
            yield GameClosed()

        self.enqueue(close)

    def show_error(self, text: str) -> None:
        """Show a job's failure (the play screen writes it into the story log)."""
        self.notify(text, severity="error")

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

    @on(TurnFinished)
    def _job_finished(self, message: TurnFinished) -> None:
        self.running = False
        if message.error:
            self.show_error(message.error)
        self._next_job()


def without_echo(events: Iterable[TurnEvent]) -> Iterable[TurnEvent]:
    """The events without the player's echoed input (for commands the player did not type)."""
    return (event for event in events if not isinstance(event, Echo))
