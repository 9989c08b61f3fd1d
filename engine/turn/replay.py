"""The session's resolved moves since the last load, so author mode can replay them on a reloaded story."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from engine.core.actions import Action
from engine.core.state import GameState


@dataclass(frozen=True)
class Move:
    """One state-changing move: a legal action, or an answer to a therapeutic beat."""

    kind: Literal["action", "answer"]
    action: Action | None = None
    text: str = ""


@dataclass
class ReplayLog:
    """Start state plus the moves made from it (resolved actions, so replay needs no model)."""

    start: GameState
    moves: list[Move] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.start = self.start.model_copy(deep=True)

    def action(self, action: Action) -> None:
        """Remember a performed action."""
        self.moves.append(Move("action", action))

    def answer(self, text: str) -> None:
        """Remember an answer to a beat."""
        self.moves.append(Move("answer", text=text))

    def undo(self) -> None:
        """Forget the last move."""
        if self.moves:
            self.moves.pop()
