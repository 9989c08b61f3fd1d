"""Local safety flags: a crisis is remembered across sessions, so the next start opens with a check-in.

Only the level and the time are stored, never the player's words. Nothing here may stop the crisis
response: a write that fails (a full disk, a locked file) is kept in memory and retried later, and a
damaged file is moved aside.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from tinydb import Query

from engine.saves.datafile import DataFile, describe
from engine.saves.notices import Notices

log = logging.getLogger(__name__)

OPENING_CHECKIN = (
    "Welcome back. Last time you played, things sounded hard, and we wanted to ask: "
    "how are you doing today?\n\n"
    "There's no rush. You can look at the help resources, try a short grounding exercise, "
    "or start playing whenever you're ready."
)
_FLAGGED_LEVELS = ("imminent", "crisis", "check-in")
_STATE = "state"
_EVENTS = "events"
_CHECKIN = "checkin"


class SafetyFlags:
    """Crisis flags kept in a TinyDB file (normally data_home()/"safety.json"); never raises on I/O."""

    def __init__(self, path: Path, notices: Notices | None = None) -> None:
        self._path = path
        self._file = DataFile(path, "safety check-in", notices)
        self._notices = notices
        self._lock = threading.Lock()
        self._unwritten: list[dict[str, str]] = []
        self._pending_checkin: bool | None = None
        """The check-in state still to be written (None: nothing to write)."""

    def record_crisis(self, level: str) -> None:
        """Remember that a crisis or check-in happened; the next start will check in.

        Call it after the response is on screen. It never raises for a disk problem: the event stays
        in memory and is written by the next call that can (`flush`, or any later read or record).
        """
        if level not in _FLAGGED_LEVELS:
            raise ValueError(f"unknown safety level {level!r}; expected one of {list(_FLAGGED_LEVELS)}")
        with self._lock:
            self._unwritten.append({"level": level, "at": datetime.now(UTC).isoformat()})
            self._pending_checkin = True
        self.flush()

    def needs_checkin(self) -> bool:
        """True if a crisis was recorded and the follow-up check-in has not been cleared."""
        self.flush()
        with self._lock:
            if self._pending_checkin is not None:
                return self._pending_checkin
        if not self._path.exists():
            return False
        try:
            with self._file.open() as db:
                found = db.table(_STATE).get(Query().key == _CHECKIN)
        except OSError as exc:
            log.warning("could not read %s: %s", self._path, describe(exc))
            return False
        return bool(isinstance(found, dict) and found.get("pending") is True)

    def clear_checkin(self) -> None:
        """The player has seen the follow-up check-in."""
        with self._lock:
            self._pending_checkin = False
        self.flush()

    def opening_checkin(self) -> str | None:
        """A gentle message for the start of the next session, if one is due."""
        return OPENING_CHECKIN if self.needs_checkin() else None

    def events(self) -> list[dict[str, str]]:
        """Recorded events (level and UTC time), oldest first; unwritten ones included."""
        stored: list[dict[str, str]] = []
        if self._path.exists():
            try:
                with self._file.open() as db:
                    stored = [dict(event) for event in db.table(_EVENTS).all()]
            except OSError as exc:
                log.warning("could not read %s: %s", self._path, describe(exc))
        with self._lock:
            return stored + [dict(event) for event in self._unwritten]

    @property
    def unwritten(self) -> int:
        """How many changes are waiting in memory for the disk."""
        with self._lock:
            return len(self._unwritten) + (self._pending_checkin is not None)

    def flush(self) -> bool:
        """Write what is waiting in memory; True when nothing is left waiting."""
        with self._lock:
            events, checkin = list(self._unwritten), self._pending_checkin
        if not events and checkin is None:
            return True
        try:
            with self._file.open() as db:
                if events:
                    db.table(_EVENTS).insert_multiple(events)
                if checkin is not None:
                    db.table(_STATE).upsert({"key": _CHECKIN, "pending": checkin}, Query().key == _CHECKIN)
        except Exception as exc:  # noqa: BLE001 - the crisis path must survive any failure to write
            log.warning("could not write %s (%s); kept in memory, will retry", self._path, describe(exc))
            if self._notices is not None:
                self._notices.add(f"Could not write the safety check-in record ({describe(exc)}); it is kept "
                                  "in memory and will be written when the disk allows.", key=f"write:{self._path}")
            return False
        with self._lock:
            del self._unwritten[: len(events)]
            if self._pending_checkin == checkin:
                self._pending_checkin = None
        return True
