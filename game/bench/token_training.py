"""Fits the crisis head with token channels (engine/safety/token_pool.py): the linear head's loss, by torch's autograd.

Why torch here and only here: the max over each text's tokens makes the channels' gradients awkward to
write by hand, and training runs offline (`tta safety train`, `tta safety cv`); inference stays numpy.
Torch is imported inside the function, so nothing of the engine imports it at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine.safety.head import LinearHead, features
from engine.safety.tiers import Tier, rank
from engine.safety.token_pool import TokenChannels, scaled
from engine.safety.training import Settings, balanced

SEED = 7
"""The channels start from small random weights (all-zero ones would never move apart); fixed, so a retrain
gives the same head."""


def fit_tokens(vectors: Any, similar: Any, states: Sequence[Any], labels: Sequence[Tier], settings: Settings,
               trained_on: tuple[str, ...] = ()) -> LinearHead:
    """Train the head's three outputs and `settings.token_channels` channels jointly by full-batch Adam."""
    import numpy as np
    import torch

    torch.set_num_threads(1)  # tiny products on shared cores (see engine/inference/minilm.py)
    generator = torch.Generator().manual_seed(SEED)
    levels = np.array([rank(label) for label in labels])
    targets = np.stack([levels >= 1, levels >= 2, levels >= 3], axis=1).astype(np.float32)
    weights = np.stack([balanced(targets[:, k], settings.negative_weight) for k in range(3)], axis=1)
    x, y, w8 = (torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))
                for a in (features(vectors, similar), targets, weights))
    tokens = torch.from_numpy(np.concatenate([scaled(s) for s in states]))
    owner = torch.from_numpy(np.repeat(np.arange(len(states)), [len(s) for s in states]))
    k = settings.token_channels
    head_w = torch.zeros(x.shape[1], 3, requires_grad=True)
    head_b = torch.zeros(3, requires_grad=True)
    project = (torch.randn(tokens.shape[1], k, generator=generator) * 0.01).requires_grad_()
    bias = torch.zeros(k, requires_grad=True)
    mix = (torch.randn(k, 3, generator=generator) * 0.1).requires_grad_()
    optimiser = torch.optim.Adam([head_w, head_b, project, bias, mix], lr=settings.learning_rate)
    index = owner[:, None].expand(-1, k)
    for _ in range(settings.steps):
        pooled = torch.full((len(states), k), -1e9).scatter_reduce(0, index, tokens @ project + bias, "amax")
        p = torch.sigmoid(x @ head_w + head_b + pooled @ mix).clamp(1e-7, 1 - 1e-7)
        loss = -(w8 * (y * torch.log(p) + (1 - y) * torch.log(1 - p))).sum()
        loss = loss + 0.5 * settings.l2 * ((head_w * head_w).sum() + (project * project).sum() + (mix * mix).sum())
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    channels = TokenChannels(*(t.detach().numpy().copy() for t in (project, bias, mix)))
    return LinearHead(head_w.detach().numpy().copy(), head_b.detach().numpy().copy(), settings.thresholds,
                      trained_on=trained_on, agree=settings.agree, slack=settings.slack, alone=settings.alone,
                      urgent=settings.urgent, tokens=channels)
