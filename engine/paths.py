"""Where user data ($TTA_HOME) and caches ($TTA_CACHE) live; kept apart so tests can throw data away."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "tta"


def data_home() -> Path:
    """User data: saves, ratings, stats, safety flags. `$TTA_HOME` overrides the platform default."""
    root = os.environ.get("TTA_HOME")
    path = Path(root) if root else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_home() -> Path:
    """Rebuildable caches such as converted models. `$TTA_CACHE` overrides the platform default."""
    root = os.environ.get("TTA_CACHE")
    path = Path(root) if root else Path(platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
