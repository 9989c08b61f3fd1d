"""FeedbackStore: player ratings and the bandit's learnt state, persisted in TinyDB."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tinydb import Query

from engine.selector.store import flush, open_db
from engine.tasks import TaskType


class FeedbackStore:
    """Ratings (1..5, with an optional note and turn id) and the bandit snapshot, in one TinyDB file.

    Changes are cached in memory until flush() or close().
    """

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self._db = open_db(path)
        self._ratings = self._db.table("ratings")
        self._clocks = self._db.table("bandit_clocks")
        self._arms = self._db.table("bandit_arms")
        self._clock = clock

    def add_rating(self, model: str, task: TaskType, rating: int, note: str = "", turn_id: str | None = None) -> None:
        """Store one rating."""
        self._ratings.insert(
            {"model": model, "task": str(task), "rating": rating, "note": note, "turn_id": turn_id,
             "time": self._clock()}
        )

    def ratings(self, model: str | None = None, task: TaskType | None = None) -> list[dict]:
        """Stored ratings, oldest first, optionally for one model and/or task."""
        rows = self._ratings.all()
        if model is not None:
            rows = [row for row in rows if row["model"] == model]
        if task is not None:
            rows = [row for row in rows if row["task"] == str(task)]
        return rows

    def save_bandit(self, state: dict) -> None:
        """Replace the stored bandit state with `state` (Bandit.snapshot())."""
        self._clocks.truncate()
        self._clocks.insert_multiple(state["clocks"])
        self._arms.truncate()
        self._arms.insert_multiple(state["arms"])

    def load_bandit(self) -> dict:
        """The stored bandit state (empty on first run)."""
        return {
            "clocks": [dict(row) for row in self._clocks.all()],
            "arms": [dict(row) for row in self._arms.all()],
        }

    def forget(self, model: str) -> None:
        """Drop a model's ratings and learnt state (e.g. after replacing its weights)."""
        self._ratings.remove(Query().model == model)
        self._arms.remove(Query().model == model)

    def flush(self) -> None:
        """Write everything to disk now."""
        flush(self._db)

    def close(self) -> None:
        """Flush and release the file."""
        self._db.close()
