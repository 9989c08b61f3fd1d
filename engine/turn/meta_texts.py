"""The replies of read-only meta commands: inventory, transcript, saves, models."""

from __future__ import annotations

from collections.abc import Sequence

from engine.core.game import Game
from engine.turn.records import TurnRecord


def inventory_text(game: Game) -> str:
    """What the player carries."""
    carried = game.facts().inventory
    return "You are carrying: " + ", ".join(carried) + "." if carried else "You are carrying nothing."


def transcript_text(turns: Sequence[TurnRecord]) -> str:
    """The last twenty turns, input and narration."""
    lines = [f"{t.number}. > {t.input}\n   {t.narration}" for t in turns[-20:]]
    return "\n".join(lines) or "Nothing has happened yet."


def saves_text(saves: Sequence[object]) -> str:
    """One line per save."""
    return "\n".join(str(s) for s in saves) or "No saves yet."


def models_text(turn: TurnRecord | None) -> str:
    """Which model served each step of the last turn, and why."""
    if turn is None or not turn.models:
        return "No model has served a turn yet."
    return "\n".join(f"{u.task}: {u.model or 'rules'} ({u.outcome})\n{u.explanation}" for u in turn.models)
