"""A user-data TinyDB file that several TTA processes share: each use holds a cross-process lock and reads afresh."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware

from engine.saves.notices import Notices
from engine.saves.storage import AtomicJSONStorage

LOCK_TIMEOUT_S = 10.0
"""How long to wait for another process to finish with a file before giving up with a clear error."""
_NEVER = 2**62  # CachingMiddleware writes after this many changes: i.e. only when the use ends


class DataFile:
    """One TinyDB file under the data folder (saves.json, ratings.json, ...), safe for many processes.

    `open()` takes the file's lock (`<name>.lock` beside it) and opens a fresh TinyDB, so every
    read-modify-write sees what other processes wrote last and nothing is lost to a stale cache.
    A damaged file is moved aside (`<name>.corrupt-<time>`) and `notices` gets one calm line.
    """

    def __init__(self, path: Path, label: str, notices: Notices | None = None,
                 timeout_s: float = LOCK_TIMEOUT_S) -> None:
        self.path = path
        self.label = label
        self._notices = notices
        self._timeout_s = timeout_s
        self.damaged: list[Path] = []
        """Where damaged versions of this file were moved, this session."""

    @contextmanager
    def open(self) -> Iterator[TinyDB]:
        """The file's TinyDB, under its lock, for one read or one read-modify-write.

        Raises OSError (with a readable strerror) when the lock cannot be had or the disk refuses.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.path.with_name(self.path.name + ".lock"), timeout=self._timeout_s,
                        preserve_lock_file=True)
        try:
            lock.acquire()
        except Timeout as exc:
            raise OSError(errno.EAGAIN, f"{self.path.name} is held by another TTA process "
                                        f"(waited {self._timeout_s:.0f} s)") from exc
        try:
            # Cached for the length of this use: one read, one atomic write at the end, so a use with
            # several changes is all-or-nothing.
            db = TinyDB(self.path, storage=CachingMiddleware(AtomicJSONStorage), on_damaged=self._moved_aside)
            cache = cast(CachingMiddleware, db.storage)  # TinyDB types its storage as the base class
            cache.WRITE_CACHE_SIZE = _NEVER
            try:
                yield db
            except BaseException:
                cache.storage.close()  # leave the file as it was: nothing half-done is written
                raise
            db.close()
        finally:
            lock.release()

    def _moved_aside(self, path: Path, aside: Path, why: str) -> None:
        self.damaged.append(aside)
        if self._notices is not None:
            self._notices.add(f"Your {self.label} file could not be read ({why}), so it was moved aside to "
                              f"{aside.name} and a fresh one was started. Play goes on.")


def describe(exc: BaseException) -> str:
    """A short, human reason for a failed read or write ('No space left on device')."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
