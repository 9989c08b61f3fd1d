"""What a player sees before the first turn: content notes, the first-run statement, a gentle check-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from engine.core.game import Game
from engine.safety import DISCLAIMER, SafetyFlags, content_notes_notice
from engine.turn.events import SystemText, TurnEvent


def opening_events(game: Game, flags: SafetyFlags | None, first_run_marker: Path | None) -> Iterator[TurnEvent]:
    """Notices to show before the story starts."""
    story = game.story
    if story.content_notes:
        yield SystemText(content_notes_notice(story.title, list(story.content_notes)), "info")
    if first_run_marker is not None and not first_run_marker.exists():
        yield SystemText(DISCLAIMER, "info")
        try:
            first_run_marker.parent.mkdir(parents=True, exist_ok=True)
            first_run_marker.touch()
        except OSError:
            pass
    checkin = flags.opening_checkin() if flags is not None else None
    if checkin and flags is not None:
        yield SystemText(checkin, "info")
        flags.clear_checkin()
