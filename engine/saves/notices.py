"""One-line messages about the player's data (a damaged file moved aside, a write that failed), for the front end."""

from __future__ import annotations

import threading


class Notices:
    """Collects calm one-line notices from the data stores; the pipeline shows them at the next chance.

    A notice with a `key` is given once per session, so a disk that stays full is mentioned once,
    not on every turn. Thread-safe: background steps write statistics too.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[str] = []
        self._said: set[str] = set()

    def add(self, text: str, key: str | None = None) -> None:
        """Queue `text` for the player (once per `key`, when given)."""
        with self._lock:
            if key is not None:
                if key in self._said:
                    return
                self._said.add(key)
            self._waiting.append(text)

    def drain(self) -> list[str]:
        """The notices not yet shown, oldest first; they are not returned again."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
        return waiting
