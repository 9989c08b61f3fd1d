"""A TinyDB storage that never leaves a half-written file: temp file, fsync, os.replace, fsync the folder."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

STALE_TEMP_SECONDS = 60


class AtomicJSONStorage(Storage):
    """JSON storage whose every write is all-or-nothing (see msiemens/tinydb#467 for why TinyDB's isn't)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
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

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return json.loads(text) if text.strip() else None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # Serialise first: unserialisable data raises here, before any file is touched.
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        handle, temp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as temp:
                temp.write(text)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, self.path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)

    def close(self) -> None:
        """Nothing stays open between writes."""


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
