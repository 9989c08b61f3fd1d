"""Notices when the story file changes on disk (polled; cheap and portable)."""

from __future__ import annotations

from pathlib import Path


class FileWatch:
    """`changed()` is True once after each modification of the watched file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = self._read()

    def changed(self) -> bool:
        """Whether the file changed since the last call (or since construction)."""
        stamp = self._read()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        return True

    def _read(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size
