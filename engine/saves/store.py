"""Save slots per story in one TinyDB file, with format/story-version checks and clear errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydantic import BaseModel, ValidationError
from tinydb import Query, TinyDB

from engine.core.game import Game, GameError
from engine.saves.storage import AtomicJSONStorage
from engine.core.state import GameState
from engine.story.model import Story

SAVE_FORMAT = 1
SAVE_FILE = "saves.json"


class SaveError(Exception):
    """A save that cannot be written or loaded; the message says why in plain words."""


class SaveInfo(BaseModel):
    """A summary of one save slot, for listing."""

    story_id: str
    story_version: str
    slot: str
    turn: int
    scene: str
    saved_at: float


class SaveStore:
    """Saves under `root` (normally data_home()/"saves"), one record per (story, slot)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / SAVE_FILE

    def _db(self) -> TinyDB:
        return TinyDB(self.path, storage=AtomicJSONStorage)

    def save(self, game: Game, slot: str = "auto") -> None:
        """Write `game` to `slot`, replacing what was there; nothing is written if it cannot be serialised."""
        state = game.state
        record = {
            "save_format": SAVE_FORMAT,
            "story_id": game.story.id,
            "story_version": game.story.version,
            "slot": slot,
            "seed": state.seed,
            "saved_at": time.time(),
            "turn": state.turn,
            "scene": state.scene,
            "state": state.model_dump(mode="json"),
        }
        try:
            json.dumps(record, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise SaveError(f"cannot save: the game state is not plain data ({exc})") from exc
        where = Query()
        try:
            with self._db() as db:
                db.upsert(record, (where.story_id == game.story.id) & (where.slot == slot))
        except (json.JSONDecodeError, OSError) as exc:
            raise SaveError(f"cannot save to {self.path}: {exc}") from exc

    def load(self, story: Story, slot: str = "auto") -> Game:
        """The game saved in `slot` for `story`; SaveError if missing, corrupt or incompatible."""
        where = Query()
        try:
            with self._db() as db:
                record = db.get((where.story_id == story.id) & (where.slot == slot))
        except (json.JSONDecodeError, OSError, ValueError) as exc:
            raise SaveError(f"the save file {self.path} cannot be read ({exc})") from exc
        if record is None:
            raise SaveError(f"there is no save called '{slot}' for '{story.title}'")
        if record.get("save_format") != SAVE_FORMAT:
            raise SaveError(f"save '{slot}' uses save format {record.get('save_format')}; this version of TTA "
                            f"reads format {SAVE_FORMAT}")
        if record.get("story_version") != story.version:
            raise SaveError(f"save '{slot}' was made with version {record.get('story_version')} of "
                            f"'{story.title}', but version {story.version} is installed")
        try:
            state = GameState.model_validate(record["state"])
            return Game.from_state(story, state)
        except (KeyError, ValidationError, GameError) as exc:
            raise SaveError(f"save '{slot}' is damaged and cannot be restored ({exc})") from exc

    def list(self, story_id: str | None = None) -> list[SaveInfo]:
        """Saves, newest first, optionally for one story."""
        try:
            with self._db() as db:
                records = db.all()
        except (json.JSONDecodeError, OSError, ValueError) as exc:
            raise SaveError(f"the save file {self.path} cannot be read ({exc})") from exc
        infos = [SaveInfo(story_id=r["story_id"], story_version=r["story_version"], slot=r["slot"], turn=r["turn"],
                          scene=r["scene"], saved_at=r["saved_at"])
                 for r in records if story_id is None or r.get("story_id") == story_id]
        return sorted(infos, key=lambda info: info.saved_at, reverse=True)
