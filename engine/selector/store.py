"""Opening the selector's TinyDB files: changes stay in memory until the owner calls flush() or close()."""

from __future__ import annotations

import logging
from json import JSONDecodeError
from pathlib import Path

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

log = logging.getLogger(__name__)

_NEVER = 2**62  # CachingMiddleware flushes after this many writes: i.e. only when we say so


def open_db(path: Path) -> TinyDB:
    """A TinyDB at `path` whose writes are cached until flush(db) or db.close().

    A corrupt file (e.g. a crash mid-write) is moved aside to `<name>.corrupt`: statistics and ratings
    are worth keeping, but not worth refusing to start the game over.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = _open(path)
    try:
        db.tables()
    except (JSONDecodeError, ValueError):
        db.storage.storage.close()
        aside = path.with_suffix(path.suffix + ".corrupt")
        path.replace(aside)
        log.warning("%s was unreadable; moved it to %s and started afresh", path, aside)
        db = _open(path)
    return db


def flush(db: TinyDB) -> None:
    """Write cached changes to disk now."""
    db.storage.flush()


def _open(path: Path) -> TinyDB:
    db = TinyDB(path, storage=CachingMiddleware(JSONStorage))
    db.storage.WRITE_CACHE_SIZE = _NEVER
    return db
