"""Privacy: list, export and delete everything TTA keeps under the user-data folder ($TTA_HOME)."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path


class UserDataError(Exception):
    """A data operation that was refused or failed; the message says why, for the player."""


@dataclass(frozen=True)
class Inventory:
    """The files under the data folder, grouped by top-level entry (saves, ratings.json, ...)."""

    root: Path
    files: tuple[Path, ...]

    @property
    def total_bytes(self) -> int:
        """Combined size of all files."""
        return sum(path.stat().st_size for path in self.files)

    def groups(self) -> dict[str, int]:
        """Number of files per top-level entry, e.g. {'saves': 3, 'safety.json': 1}."""
        counts: dict[str, int] = {}
        for path in self.files:
            top = path.relative_to(self.root).parts[0]
            counts[top] = counts.get(top, 0) + 1
        return dict(sorted(counts.items()))


def inventory(root: Path) -> Inventory:
    """Every regular file under `root` (symlinks are listed, never followed)."""
    if not root.exists():
        return Inventory(root, ())
    files = sorted(path for path in root.rglob("*") if path.is_file() or path.is_symlink())
    return Inventory(root, tuple(files))


def export_data(root: Path, out: Path) -> Inventory:
    """Write every file under `root` into the zip archive `out`; refuses to overwrite."""
    if out.exists():
        raise UserDataError(f"{out} already exists; choose another name with --out")
    if _inside(out.resolve(), root.resolve()):
        raise UserDataError(f"{out} is inside the data folder {root}; write the export somewhere else")
    found = inventory(root)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in found.files:
                if path.is_file() and not path.is_symlink():
                    archive.write(path, path.relative_to(root).as_posix())
    except OSError as err:
        raise UserDataError(f"could not write {out}: {err.strerror or err}") from err
    return found


def delete_data(root: Path) -> Inventory:
    """Delete everything under `root`, keeping the folder itself. Refuses folders that are
    obviously not TTA's own (the filesystem root, the home folder or one of its parents)."""
    check_deletable(root)
    found = inventory(root)
    try:
        for entry in sorted(root.iterdir()) if root.exists() else []:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    except OSError as err:
        raise UserDataError(f"could not delete {err.filename or root}: {err.strerror or err}") from err
    return found


def check_deletable(root: Path) -> None:
    """Raise UserDataError if `root` is the filesystem root, the home folder or one of its parents."""
    resolved = root.resolve()
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor) or resolved == home or _inside(home, resolved):
        raise UserDataError(f"refusing to delete {root}: it is not a TTA data folder (check $TTA_HOME)")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
