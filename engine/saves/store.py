"""Save slots per story in one TinyDB file, with format/story-version checks and clear errors."""

from __future__ import annotations

import builtins
import json
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from tinydb import Query

from engine.core.game import Game, GameError
from engine.core.state import GameState
from engine.saves.datafile import DataFile, describe
from engine.saves.notices import Notices
from engine.story.model import Story

SAVE_FORMAT = 1
SAVE_FILE = "saves.json"
AUTOSAVE_SLOT = "auto"


class SaveError(Exception):
    """A save that cannot be written or loaded; the message says why in plain words."""


class MissingSave(SaveError):
    """There is no save in that slot (the file may also have been damaged and moved aside)."""


class SaveInfo(BaseModel):
    """A summary of one save slot, for listing."""

    story_id: str
    story_version: str
    slot: str
    turn: int
    scene: str
    saved_at: float


class SaveStore:
    """Saves under `root` (normally data_home()/"saves"), one record per (story, slot).

    Safe for several processes on one data folder: each save re-reads the file under its lock.
    """

    def __init__(self, root: Path, notices: Notices | None = None) -> None:
        self.root = root
        self.path = root / SAVE_FILE
        self.file = DataFile(self.path, "saved games", notices)
        self._notices = notices

    def save(self, game: Game, slot: str = AUTOSAVE_SLOT) -> None:
        """Write `game` to `slot`, replacing what was there; on any failure the old file is untouched."""
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
            with self.file.open() as db:
                db.upsert(record, (where.story_id == game.story.id) & (where.slot == slot))
        except OSError as exc:
            if slot == AUTOSAVE_SLOT and self._notices is not None:  # nobody asked for it, so say it once here
                self._notices.add(f"The autosave could not be written ({describe(exc)}); your earlier saves are "
                                  "untouched and play goes on. Try `save` again later.", key=f"autosave:{self.path}")
            raise SaveError(f"could not write {self.path} ({describe(exc)})") from exc

    def load(self, story: Story, slot: str = AUTOSAVE_SLOT) -> Game:
        """The game saved in `slot` for `story`; MissingSave if there is none, SaveError if it is unusable."""
        before = len(self.file.damaged)
        record = next((r for r in self._records() if r.get("story_id") == story.id and r.get("slot") == slot), None)
        if len(self.file.damaged) > before:
            raise MissingSave(f"the save file {self.path} cannot be read (it was damaged, and has been moved "
                              f"aside to {self.file.damaged[-1].name}); there is no save called '{slot}' now")
        if record is None:
            raise MissingSave(f"there is no save called '{slot}' for '{story.title}'")
        if record.get("save_format") != SAVE_FORMAT:
            raise SaveError(f"save '{slot}' uses save format {record.get('save_format')}; this version of TTA "
                            f"reads format {SAVE_FORMAT}")
        if record.get("story_version") != story.version:
            raise SaveError(f"save '{slot}' was made with version {record.get('story_version')} of "
                            f"'{story.title}', but version {story.version} is installed")
        try:
            state = GameState.model_validate(record["state"])
            return Game.from_state(story, state)
        except (KeyError, ValidationError, GameError, TypeError, ValueError) as exc:
            raise SaveError(f"save '{slot}' is damaged and cannot be restored ({_short(exc)})") from exc

    def list(self, story_id: str | None = None) -> list[SaveInfo]:
        """Saves, newest first, optionally for one story; records too damaged to summarise are left out."""
        infos = []
        for record in self._records():
            if story_id is not None and record.get("story_id") != story_id:
                continue
            try:
                infos.append(SaveInfo.model_validate(record))
            except ValidationError:
                continue
        return sorted(infos, key=lambda info: info.saved_at, reverse=True)

    def _records(self) -> builtins.list[dict[str, Any]]:  # `list` here would be the method above
        try:
            with self.file.open() as db:
                return [dict(record) for record in db.all()]
        except OSError as exc:
            raise SaveError(f"the save file {self.path} cannot be read ({describe(exc)})") from exc


def _short(exc: Exception) -> str:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return first[:160]
