"""Low-rank weight changes (LoRA factors) for the numpy MiniLM, as data: merged into its weights once, at load.

Why merged: `W + scale * B @ A` is computed once when the encoder loads, so a forward pass costs exactly
what the plain model's does. The factors are small (rank × width per dense weight), so a fine-tune ships
as about 1 MB of data instead of another copy of the model. Written by training code that has torch
(game/bench/adapter_training.py); read here with numpy alone.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DENSE = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
         "intermediate.dense", "output.dense")
"""The dense weights of a BERT layer that an adapter may change (the names in the model's weight file)."""


class AdapterFileError(ValueError):
    """The adapter file is unreadable or does not fit the model; the message says which."""


@dataclass(frozen=True)
class Adapter:
    """LoRA factors by weight name (`a`: rank × in, `b`: out × rank) and their scale; `meta` is the record."""

    factors: dict[str, tuple[Any, Any]]
    scale: float
    meta: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    """Other arrays the trainer stored with the factors (the crisis stage keeps its head here)."""

    @property
    def digest(self) -> str:
        """A short hash of the factors, so vectors cached for one fine-tune are never read for another."""
        hasher = hashlib.sha256(repr(self.scale).encode())
        for name in sorted(self.factors):
            a, b = self.factors[name]
            hasher.update(name.encode())
            hasher.update(a.tobytes())
            hasher.update(b.tobytes())
        return hasher.hexdigest()[:16]

    def merged(self, weights: dict[str, Any]) -> dict[str, Any]:
        """A copy of `weights` with each factored weight replaced by `W + scale * B @ A` (the rest shared)."""
        import numpy as np

        out = dict(weights)
        for name, (a, b) in self.factors.items():
            base = weights.get(name)
            if base is None or base.shape != (b.shape[0], a.shape[1]):
                raise AdapterFileError(f"adapter weight {name} does not fit the model")
            out[name] = (base + self.scale * (b.astype(np.float32) @ a.astype(np.float32))).astype(np.float32)
        return out


def save_adapter(path: Path, factors: dict[str, tuple[Any, Any]], scale: float, meta: dict[str, Any],
                 extra: dict[str, Any] | None = None) -> None:
    """Write an adapter file (float16 factors: the merged weights differ from float32 ones by < 1e-4)."""
    import numpy as np

    arrays: dict[str, Any] = {"meta": np.array(json.dumps({**meta, "scale": scale}))}
    arrays.update({f"extra.{name}": np.asarray(value, dtype=np.float32) for name, value in (extra or {}).items()})
    for index, (name, (a, b)) in enumerate(sorted(factors.items())):
        arrays[f"name{index}"] = np.array(name)
        arrays[f"a{index}"] = np.asarray(a, dtype=np.float16)
        arrays[f"b{index}"] = np.asarray(b, dtype=np.float16)
    with path.open("wb") as file:
        np.savez_compressed(file, **arrays)


def read_adapter(path: Path) -> Adapter:
    """Read an adapter file; AdapterFileError names the file and what is wrong."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            factors = {}
            index = 0
            while f"name{index}" in data:
                name = str(data[f"name{index}"])
                if not any(name.endswith(f"{dense}.weight") for dense in DENSE):
                    raise AdapterFileError(f"{path}: {name} is not a dense weight an adapter may change")
                factors[name] = (data[f"a{index}"].astype(np.float32), data[f"b{index}"].astype(np.float32))
                index += 1
            scale = float(meta["scale"])
            extra = {key.removeprefix("extra."): data[key].astype(np.float32)
                     for key in data.files if key.startswith("extra.")}
    except AdapterFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as err:
        raise AdapterFileError(f"{path}: not a crisis adapter file: {err}") from err
    if not factors:
        raise AdapterFileError(f"{path}: the adapter changes no weight")
    return Adapter(factors, scale, meta, extra)
