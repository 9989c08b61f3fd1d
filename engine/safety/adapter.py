"""The crisis stage's fine-tune of MiniLM: the packaged LoRA adapter of its top layers (engine/inference/lora.py).

Why a fine-tune: a head on the frozen sentence vectors (head.py) can only weigh directions the
general-purpose model already has, and new wordings of the same risk land near harmless ones; training
the top layers on the labelled material moves them apart. Written by `tta safety train --tuned`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from engine.inference.lora import Adapter, AdapterFileError, read_adapter
from engine.safety.head import OUTPUTS, HeadThresholds, LinearHead

CRISIS_ADAPTER = "crisis_adapter.npz"


def load_adapter(path: Path | None = None) -> Adapter | None:
    """The adapter at `path`, or the packaged one; None when none is shipped."""
    if path is None:
        found = resources.files("engine.safety.data").joinpath(CRISIS_ADAPTER)
        if not found.is_file():
            return None
        with resources.as_file(found) as real:
            return read_adapter(real)
    return read_adapter(path)


def tuned_head(adapter: Adapter) -> LinearHead:
    """The head trained with the fine-tune (stored in the same file): it reads the tuned sentence vector alone."""
    try:
        weights, bias = adapter.extra["head_weights"], adapter.extra["head_bias"]
        limits = HeadThresholds(**{k: float(v) for k, v in adapter.meta["thresholds"].items()})
    except (KeyError, TypeError, ValueError) as err:
        raise AdapterFileError(f"the crisis fine-tune has no usable head: {err}") from err
    if weights.shape != (384, len(OUTPUTS)) or bias.shape != (len(OUTPUTS),):
        raise AdapterFileError(f"the crisis fine-tune's head must be (384, {len(OUTPUTS)}) weights and bias")
    trained_on = tuple(str(t) for t in adapter.meta.get("trained_on", ()))
    return LinearHead(weights, bias, limits, trained_on=trained_on, urgent=float(adapter.meta.get("urgent", 1.01)))
