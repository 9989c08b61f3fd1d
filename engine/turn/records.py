"""What a turn leaves behind: a record for the transcript, the model panel and ratings."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from engine.turn.events import ModelUsed


def new_turn_id() -> str:
    """A short unique id a rating can attach to."""
    return uuid.uuid4().hex[:12]


@dataclass
class TurnRecord:
    """One played turn: input, resolved action, narration, models, timings and prompts."""

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
    rating: int | None = None
    notes: list[str] = field(default_factory=list)

    def narration_model(self) -> str | None:
        """The model that narrated this turn, if one did."""
        for used in self.models:
            if used.task == "narrative_generation" and used.model and used.outcome == "ok":
                return used.model
        return None


class Journal:
    """Appends turn records as JSON lines under $TTA_HOME/transcripts/, one file per session."""

    def __init__(self, directory: Path, story_id: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / f"{story_id}-{uuid.uuid4().hex[:8]}.jsonl"

    def append(self, record: TurnRecord) -> None:
        """Write one record (best effort: a full disk must not stop the game)."""
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(asdict(record), default=str) + "\n")
        except OSError:
            pass
