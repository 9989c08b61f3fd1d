"""Local safety flags: a crisis is remembered across sessions, so the next start opens with a check-in.

Only the level and the time are stored, never the player's words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tinydb import Query, TinyDB

OPENING_CHECKIN = (
    "Welcome back. Last time you played, things sounded hard, and we wanted to ask: "
    "how are you doing today?\n\n"
    "There's no rush. You can look at the help resources, try a short grounding exercise, "
    "or start playing whenever you're ready."
)
_FLAGGED_LEVELS = ("crisis", "check-in")
_STATE = "state"
_EVENTS = "events"


class SafetyFlags:
    """Crisis flags kept in a TinyDB file (normally data_home()/"safety.json")."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def record_crisis(self, level: str) -> None:
        """Remember that a crisis or check-in happened; the next start will check in."""
        if level not in _FLAGGED_LEVELS:
            raise ValueError(f"unknown safety level {level!r}; expected one of {list(_FLAGGED_LEVELS)}")
        with self._open() as db:
            db.table(_EVENTS).insert({"level": level, "at": datetime.now(UTC).isoformat()})
            db.table(_STATE).upsert({"key": "checkin", "pending": True}, Query().key == "checkin")

    def needs_checkin(self) -> bool:
        """True if a crisis was recorded and the follow-up check-in has not been cleared."""
        if not self._path.exists():
            return False
        with self._open() as db:
            found = db.table(_STATE).get(Query().key == "checkin")
        return bool(found and found.get("pending"))

    def clear_checkin(self) -> None:
        """The player has seen the follow-up check-in."""
        with self._open() as db:
            db.table(_STATE).upsert({"key": "checkin", "pending": False}, Query().key == "checkin")

    def opening_checkin(self) -> str | None:
        """A gentle message for the start of the next session, if one is due."""
        return OPENING_CHECKIN if self.needs_checkin() else None

    def events(self) -> list[dict[str, str]]:
        """Recorded events (level and UTC time), oldest first."""
        if not self._path.exists():
            return []
        with self._open() as db:
            return [dict(event) for event in db.table(_EVENTS).all()]

    def _open(self) -> TinyDB:
        return TinyDB(self._path, create_dirs=True, encoding="utf-8")
