"""The exemplar bank's sentence vectors: shipped with the package, else cached per machine, else embedded now.

Why ship them: embedding the ~1,000 exemplars takes ~3 s of a core, and on a first start (or a wiped cache) that
competed with the models loading, so the first turns waited. The shipped file is keyed by the bank's texts and
the encoder's files (their sizes, not their path or time, so it matches on every machine); any change to the
bank makes it stale, and then the per-machine cache and embedding take over, as before. `tta safety train`
rewrites it; a test fails while it is stale.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

_FORMAT = 1
SHIPPED = "crisis_bank_vectors.npz"
"""In engine/safety/data/."""


def bank_key(texts: Sequence[str], counter: Sequence[str], encoder: str) -> str:
    """Names one bank (its exemplar and counter texts, in order) embedded by one encoder."""
    digest = hashlib.sha256(f"{_FORMAT}|{encoder}".encode())
    for text in [*texts, "\x00counter", *counter]:
        digest.update(text.encode("utf-8") + b"\x00")
    return digest.hexdigest()[:24]


def shipped_path() -> Path:
    """Where the package's copy lives."""
    return Path(str(resources.files("engine.safety.data").joinpath(SHIPPED)))


def load_vectors(path: Path, key: str, n_texts: int, n_counter: int) -> tuple[Any, Any] | None:
    """(exemplar vectors, counter vectors) from `path` if it holds this bank's, else None (also when damaged)."""
    import zipfile

    import numpy as np

    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            stored = str(data["key"]) if "key" in data.files else key  # per-machine files are named by their key
            exemplars, counter = data["exemplars"], data["counter"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None  # a damaged file is rebuilt
    if stored != key or exemplars.shape[0] != n_texts or counter.shape[0] != n_counter:
        return None
    return exemplars, counter


def save_vectors(path: Path, key: str, exemplars: Any, counter: Any) -> None:
    """Write the vectors atomically; a folder that cannot be written is no error (it is only a cache)."""
    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(partial, key=np.array(key), exemplars=exemplars, counter=counter)
        os.replace(partial, path)
    except OSError:
        pass
