"""The one place user data reaches the disk: all-or-nothing file replacement, whole-line appends, moving aside.

Every byte goes through `write_all`, so a full disk (ENOSPC) surfaces here as an OSError and nowhere
leaves half a record behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd` (os.write may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def replace_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a temp file beside it, fsync, os.replace, fsync the folder.

    On any failure the old file is untouched and the temp file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def append_line(path: Path, line: str) -> None:
    """Append one line (a newline is added) as a whole: if the write fails part-way, the file is cut back
    to where it was, so a reader never meets half a record."""
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        start = os.fstat(fd).st_size
        try:
            write_all(fd, data)
            os.fsync(fd)
        except OSError:
            _cut_back(fd, start)
            raise
    finally:
        os.close(fd)


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename a damaged file to `<name>.corrupt-<YYYYmmdd-HHMMSS>` (a number is added if that exists)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now if now is not None else time.time()))
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    os.replace(path, aside)
    return aside


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (not possible on every platform, e.g. Windows)."""
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


def _cut_back(fd: int, size: int) -> None:
    # Truncating needs no new blocks, so it works on a full disk too; if even that fails, the reader
    # (read_lines) still skips a last line without its newline.
    with contextlib.suppress(OSError):
        os.ftruncate(fd, size)


def read_lines(path: Path) -> list[dict[str, object]]:
    """The JSON objects of a JSON-lines file, in order; a damaged or cut line is skipped, never fatal."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    found: list[dict[str, object]] = []
    for line in raw.splitlines():
        try:
            value = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue
        if isinstance(value, dict):
            found.append(value)
    return found
