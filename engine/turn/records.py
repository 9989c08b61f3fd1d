"""What a turn leaves behind: its record, a state update's result, and the append-only journal on disk."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from engine.saves.diskio import append_line, read_lines
from engine.turn.events import ModelUsed


def new_turn_id() -> str:
    """A short unique id a rating can attach to."""
    return os.urandom(6).hex()


@dataclass
class TurnRecord:
    """One played turn: input, resolved action, narration, models, timings and prompts.

    `state_update`, `rating` and `notes` are filled in from later session-log entries, never written back.
    """

    turn_id: str
    number: int
    input: str
    action: str | None = None
    action_key: str | None = None
    """The engine's canonical key of the action, e.g. `take brass_key`."""
    parse_method: str = "none"
    outcome: str = ""
    narration: str = ""
    narration_source: str = "authored"
    models: list[ModelUsed] = field(default_factory=list)
    prompts: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    state_update: dict[str, object] | None = None
    scene: str = ""
    """The scene the turn was played in (what feedback exports group by)."""
    rating: int | None = None
    notes: list[str] = field(default_factory=list)

    def narration_model(self) -> str | None:
        """The model that narrated this turn, if one did."""
        for used in self.models:
            if used.task == "narrative_generation" and used.model and used.outcome == "ok":
                return used.model
        return None


@dataclass
class AppliedUpdate:
    """What the engine did with a model's state-update proposal for one turn."""

    turn_id: str
    model: str | None
    accepted: dict[str, object]
    rejected: dict[str, str]
    used: list[ModelUsed]
    unchanged: list[str] = field(default_factory=list)
    """Fields proposed with the value they already had (no change)."""


class Journal:
    """Appends typed entries as JSON lines under $TTA_HOME/transcripts/, one file per session; never rewrites."""

    def __init__(self, directory: Path, story_id: str) -> None:
        self.path = directory / f"{story_id}-{uuid.uuid4().hex[:8]}.jsonl"
        self.error: str | None = None
        """Why the last write failed (None after a write that worked)."""

    def write(self, entry: dict[str, object]) -> bool:
        """Append one entry as a whole line; False (and `error` says why) when the disk refused it.

        Best effort: a full disk must not stop the game, and never leaves half an entry in the file.
        """
        try:
            append_line(self.path, json.dumps(entry, default=str))
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            return False
        self.error = None
        return True

    def entries(self) -> list[dict[str, object]]:
        """Everything written so far, in order (for tools and tests); damaged lines are skipped."""
        return read_lines(self.path)
