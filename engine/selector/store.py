"""The selector's data files (stats.json, ratings.json): shared safely by processes, written best-effort."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tinydb import TinyDB

from engine.saves.datafile import DataFile, describe
from engine.saves.notices import Notices

log = logging.getLogger(__name__)

T = TypeVar("T")


def open_file(path: Path, label: str, notices: Notices | None = None) -> DataFile:
    """The DataFile for one of the selector's files; a damaged one is moved aside when first read."""
    return DataFile(path, label, notices)


def attempt(file: DataFile, notices: Notices | None, action: str, work: Callable[[TinyDB], T]) -> T | None:
    """Run `work` on the file under its lock; on a disk problem say so once and return None.

    Statistics and learnt state are worth keeping but never worth stopping the game for: the caller
    keeps what it could not write and tries again at the next write.
    """
    try:
        with file.open() as db:
            return work(db)
    except OSError as exc:
        log.warning("could not %s %s: %s", action, file.path, describe(exc))
        if notices is not None:
            notices.add(f"Could not {action} {file.label} ({describe(exc)}); they are kept in memory and "
                        "will be written when the disk allows.", key=f"{action}:{file.path}")
        return None
