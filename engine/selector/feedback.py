"""FeedbackStore: player ratings (appended as events) and the bandit's learnt state (merged), in TinyDB."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from engine.saves.datafile import describe
from engine.saves.notices import Notices
from engine.selector.bandit_merge import Snapshot, clean_snapshot, merge_snapshots
from engine.selector.store import attempt, open_file
from engine.tasks import TaskType

log = logging.getLogger(__name__)

_RATINGS = "ratings"
_CLOCKS = "bandit_clocks"
_ARMS = "bandit_arms"


class FeedbackStore:
    """Ratings (1..5, with an optional note and turn id) and the bandit snapshot, in one TinyDB file.

    Several processes may share the file: a rating is appended under the file's lock at once, and the
    learnt state is merged with what others saved (never overwritten from this process's old copy).
    """

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time, notices: Notices | None = None) -> None:
        self._file = open_file(path, "ratings", notices)
        self._notices = notices
        self._clock = clock
        self._base: Snapshot = {"clocks": [], "arms": []}
        """The learnt state as this process last loaded or saved it; what it learnt since is the difference."""
        self._unsaved: tuple[Snapshot, float] | None = None

    def add_rating(self, model: str, task: TaskType, rating: int, note: str = "", turn_id: str | None = None) -> None:
        """Store one rating now; raises OSError if it could not be written (nothing is half-written)."""
        row = {"model": model, "task": str(task), "rating": rating, "note": note, "turn_id": turn_id,
               "time": self._clock()}
        with self._file.open() as db:
            db.table(_RATINGS).insert(row)

    def ratings(self, model: str | None = None, task: TaskType | None = None) -> list[dict[str, Any]]:
        """Stored ratings from every process, oldest first, optionally for one model and/or task."""
        try:
            with self._file.open() as db:
                rows = [dict(row) for row in db.table(_RATINGS).all()]
        except OSError as exc:
            log.warning("could not read %s: %s", self._file.path, describe(exc))
            return []
        rows = [row for row in rows if _is_rating(row)]
        if model is not None:
            rows = [row for row in rows if row["model"] == model]
        if task is not None:
            rows = [row for row in rows if row["task"] == str(task)]
        return rows

    def save_bandit(self, state: dict[str, Any]) -> bool:
        """Merge `state` (Bandit.snapshot()) into the stored learnt state; False if the disk refused
        (it is tried again at the next save or flush)."""
        decay = float(state.get("decay", 1.0))
        mine: Snapshot = {"clocks": list(state.get("clocks", [])), "arms": list(state.get("arms", []))}
        self._unsaved = (mine, decay)

        def merge(db: TinyDB) -> bool:
            merged = merge_snapshots(_stored(db), self._base, mine, decay)
            for table, rows in ((_CLOCKS, merged["clocks"]), (_ARMS, merged["arms"])):
                db.table(table).truncate()
                db.table(table).insert_multiple(rows)
            return True

        if attempt(self._file, self._notices, "write", merge) is None:
            return False
        self._base, self._unsaved = mine, None
        return True

    def load_bandit(self) -> dict[str, Any]:
        """The stored bandit state (empty on first run, or when the file cannot be read)."""
        stored = attempt(self._file, self._notices, "read", _stored)
        self._base = stored if stored is not None else {"clocks": [], "arms": []}
        return {"clocks": [dict(row) for row in self._base["clocks"]],
                "arms": [dict(row) for row in self._base["arms"]]}

    def forget(self, model: str) -> None:
        """Drop a model's ratings and learnt state (e.g. after replacing its weights)."""
        with self._file.open() as db:
            db.table(_RATINGS).remove(Query().model == model)
            db.table(_ARMS).remove(Query().model == model)
        self._base["arms"] = [arm for arm in self._base["arms"] if arm.get("model") != model]

    def flush(self) -> None:
        """Write learnt state that an earlier save could not (ratings are written as they come)."""
        if self._unsaved is not None:
            mine, decay = self._unsaved
            self.save_bandit({**mine, "decay": decay})

    def close(self) -> None:
        """Write what is pending; nothing stays open."""
        self.flush()


def _stored(db: TinyDB) -> Snapshot:
    return clean_snapshot({"clocks": [dict(r) for r in db.table(_CLOCKS).all()],
                           "arms": [dict(r) for r in db.table(_ARMS).all()]})


def _is_rating(row: dict[str, Any]) -> bool:
    """A row written by add_rating (a damaged one is skipped rather than crashing the stats screen)."""
    rating = row.get("rating")
    return (isinstance(row.get("model"), str) and isinstance(row.get("task"), str) and isinstance(rating, int)
            and not isinstance(rating, bool) and 1 <= rating <= 5)
