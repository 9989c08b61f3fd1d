"""The crisis head's token channels: a few linear scores on every token of the input, max-pooled into its logits.

Why: the head's sentence vector is the mean of the tokens, so a crisis said in one clause of a long input
("went to the shop and got milk, and a lot of pills for tonight, then fed the cat") is diluted by the rest.
A channel scored on each token and pooled by max keeps the strongest place in the input, whatever its
length. The tokens are the last-layer states of the same encoder pass that gives the sentence vector, so
this costs no second pass. Chosen by leave-one-file-out (`tta safety cv --leave-one-out`, round 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SCALE = 20.0
"""Token states are scaled to unit length, then by this (as head.SCALE does the sentence vector)."""


@dataclass(frozen=True)
class TokenChannels:
    """`project` (384 × k) and `bias` (k) score each token; the per-channel maxima, times `mix` (k × outputs),
    are added to the head's logits."""

    project: Any
    bias: Any
    mix: Any

    def logits(self, states: Sequence[Any]) -> Any:
        """(len(states), outputs) logits for token states ((tokens, 384) each)."""
        import numpy as np

        pooled = np.zeros((len(states), self.project.shape[1]), dtype=np.float32)
        for row, tokens in enumerate(states):
            pooled[row] = (scaled(tokens) @ self.project + self.bias).max(axis=0)
        return pooled @ self.mix

    def to_data(self) -> dict[str, Any]:
        """The channels as the head file's `tokens` entry (rounded, as the head's weights are)."""
        return {"project": [[round(float(v), 5) for v in row] for row in self.project],
                "bias": [round(float(v), 5) for v in self.bias],
                "mix": [[round(float(v), 5) for v in row] for row in self.mix]}


def scaled(tokens: Any) -> Any:
    """Token states at unit length, times SCALE (float32)."""
    import numpy as np

    tokens = np.asarray(tokens, dtype=np.float32)
    return tokens / np.clip(np.linalg.norm(tokens, axis=1, keepdims=True), 1e-12, None) * SCALE


def pooled_vectors(states: Sequence[Any]) -> Any:
    """The sentence vectors of token states: mean over tokens, unit length (what the encoder's `encode` gives)."""
    import numpy as np

    if not states:
        return np.zeros((0, 384), dtype=np.float32)
    means = np.stack([np.asarray(s, dtype=np.float32).mean(axis=0) for s in states])
    return (means / np.clip(np.linalg.norm(means, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def parse_channels(data: Any, outputs: int) -> TokenChannels:
    """Channels from the head file's `tokens` entry; ValueError when the shapes do not fit."""
    import numpy as np

    project = np.array(data["project"], dtype=np.float32)
    bias = np.array(data["bias"], dtype=np.float32)
    mix = np.array(data["mix"], dtype=np.float32)
    if project.ndim != 2 or bias.shape != (project.shape[1],) or mix.shape != (project.shape[1], outputs):
        raise ValueError("tokens: project must be (384, k), bias (k,) and mix (k, outputs)")
    return TokenChannels(project, bias, mix)
