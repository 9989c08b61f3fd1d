"""The replies of read-only meta commands: inventory, transcript, saves, models."""

from __future__ import annotations

import time
from collections.abc import Sequence

from engine.core.game import Game
from engine.core.rules.text import inventory_text as carried_text
from engine.turn.records import TurnRecord
from engine.turn.views import SaveRow


def inventory_text(game: Game) -> str:
    """What the player carries, in the engine's own words (the same reply as the `inventory` verb)."""
    return carried_text(game.story, game.state)


def transcript_text(turns: Sequence[TurnRecord]) -> str:
    """The last twenty turns, input and narration."""
    lines = [f"{t.number}. > {t.input}\n   {t.narration}" for t in turns[-20:]]
    return "\n".join(lines) or "Nothing has happened yet."


def save_line(row: SaveRow) -> str:
    """How a save is listed: slot, place, turn and when."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row.saved_at))
    return f"{row.slot}  ·  {row.scene_title}, turn {row.turn}  ·  {when}"


def saves_text(rows: Sequence[SaveRow]) -> str:
    """One line per save."""
    return "\n".join(save_line(row) for row in rows) or "No saves yet."


def models_text(turn: TurnRecord | None) -> str:
    """Which model served each step of the last turn, and why."""
    if turn is None or not turn.models:
        return "No model has served a turn yet."
    return "\n".join(f"{u.task}: {u.model or 'rules'} ({u.outcome})\n{u.explanation}" for u in turn.models)
