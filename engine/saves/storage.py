"""A TinyDB storage that never leaves a half-written file and never crashes on a damaged one."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from engine.saves.diskio import move_aside, replace_atomically

STALE_TEMP_SECONDS = 60

Tables = dict[str, dict[str, Any]]
OnDamaged = Callable[[Path, Path, str], None]
"""Called with (file, where it was moved, why) when a damaged file is moved aside."""


class AtomicJSONStorage(Storage):
    """JSON storage whose every write is all-or-nothing (see msiemens/tinydb#467 for why TinyDB's isn't).

    A file that is not UTF-8, not JSON, or not shaped like TinyDB's tables is moved aside to
    `<name>.corrupt-<time>` and reads as empty; `on_damaged` hears about it. Callers that share the
    file with other processes hold its lock (DataFile) while reading, so only one of them moves it.
    """

    def __init__(self, path: str | os.PathLike[str], on_damaged: OnDamaged | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._on_damaged = on_damaged
        self._remove_stale_temps()

    def _remove_stale_temps(self) -> None:
        """Temp files left by a killed writer; old ones only, so a live writer elsewhere is never disturbed."""
        cutoff = time.time() - STALE_TEMP_SECONDS
        for temp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
            except OSError:
                pass

    def read(self) -> Tables | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            self._damaged("it is a folder, not a file")
            return None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            self._damaged(f"not UTF-8 text (byte {exc.start})")
            return None
        except (ValueError, RecursionError) as exc:
            self._damaged(f"not valid JSON ({str(exc)[:80]})")
            return None
        problem = shape_problem(data)
        if problem:
            self._damaged(problem)
            return None
        return data  # type: ignore[no-any-return]

    def write(self, data: Tables) -> None:
        # Serialise first: unserialisable data raises here, before any file is touched.
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        replace_atomically(self.path, text.encode("utf-8"))

    def close(self) -> None:
        """Nothing stays open between writes."""

    def _damaged(self, why: str) -> None:
        aside = move_aside(self.path)
        if self._on_damaged is not None:
            self._on_damaged(self.path, aside, why)


def shape_problem(data: object) -> str | None:
    """Why `data` is not TinyDB's {table: {numeric id: {field: value}}} layout, or None if it is."""
    if not isinstance(data, dict):
        return f"the top level is {_kind(data)}, not a table of tables"
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return f"table '{table}' is {_kind(docs)}, not a table"
        for doc_id, doc in docs.items():
            if not (isinstance(doc_id, str) and doc_id.isdigit()):
                return f"table '{table}' has a record id {doc_id!r} that is not a number"
            if not isinstance(doc, dict):
                return f"record {doc_id} of table '{table}' is {_kind(doc)}, not a record"
    return None


def _kind(value: object) -> str:
    """'a list', 'an int', 'a number': what a JSON value is, in words."""
    words = {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list",
             dict: "a table", type(None): "null"}
    return words.get(type(value), f"a {type(value).__name__}")
