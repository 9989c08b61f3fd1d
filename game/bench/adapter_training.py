"""Fine-tunes MiniLM's top layers for the crisis stage (LoRA, in torch) and returns the adapter and its head.

The bottom layers stay as shipped and run once over every training text (no gradient flows there), so
only the top layers train: minutes on two cores. The layers here are the numpy encoder's arithmetic
(engine/inference/minilm.py) written in torch, so the merged numpy weights give the vectors trained here
(tests/safety/test_adapter.py checks it). Lives in game/ because the engine never imports torch.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.inference.lora import DENSE, Adapter
from engine.inference.minilm import read_safetensors
from engine.safety.head import OUTPUTS, SCALE, HeadThresholds, LinearHead
from engine.safety.tiers import Tier, rank

_HEADS = 12
_EPS = 1e-12


@dataclass(frozen=True)
class TuneSettings:
    """How the fine-tune trains (chosen on the development files held out in turn; see the session note)."""

    first_tuned: int = 3
    """Layers below this stay as shipped; this one and those above get LoRA factors."""
    rank: int = 8
    alpha: float = 16.0
    epochs: int = 3
    rate: float = 2e-3
    batch: int = 32
    negative_weight: float = 3.0
    """Loss weight of a text that must not fire: a false alarm on a game command is what players see most."""
    seed: int = 0
    thresholds: HeadThresholds = HeadThresholds(check_in=0.5, crisis=0.5, imminent=0.5)
    urgent: float = 1.01
    """P(crisis) at which a firing tier said of the present moment ("rn", "already") is imminent."""


def fine_tune(model_dir: Path, examples: Sequence[tuple[str, Tier]], settings: TuneSettings = TuneSettings(),
              trained_on: tuple[str, ...] = (), log: Any = None) -> tuple[Adapter, LinearHead]:
    """Train on (text, tier) pairs; the adapter (its head stored with it) and the head as the stage reads it."""
    import torch

    torch.manual_seed(settings.seed)
    order = random.Random(settings.seed)
    net = _Net(model_dir, settings)
    lower = net.lower([text for text, _ in examples])
    data = list(zip(lower, [rank(tier) for _, tier in examples], strict=True))
    params = [p for p in net.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=settings.rate, weight_decay=0.01)
    steps = settings.epochs * math.ceil(len(data) / settings.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=settings.rate, total_steps=steps, pct_start=0.1)
    step = 0
    for _ in range(settings.epochs):
        for chunk in _batches(data, settings.batch, order):
            logits = net([c[0] for c in chunk])
            levels = torch.tensor([c[1] for c in chunk])
            target = torch.stack([levels >= 1, levels >= 2, levels >= 3], dim=1).float()
            weight = torch.where(target[:, :1] > 0, 1.0, settings.negative_weight)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="none")
                    * weight).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if log is not None and step % 100 == 0:
                log(f"step {step}/{steps} loss {loss.item():.4f}")
    return net.export(settings, trained_on)


def _batches(data: list[tuple[Any, int]], size: int, order: random.Random) -> list[list[tuple[Any, int]]]:
    """Shuffled batches of texts of similar length (sorted within windows of 16 batches: less padding)."""
    order.shuffle(data)
    window = size * 16
    batches = []
    for start in range(0, len(data), window):
        part = sorted(data[start:start + window], key=lambda e: int(e[0].shape[0]))
        batches += [part[i:i + size] for i in range(0, len(part), size)]
    order.shuffle(batches)
    return batches


class _Net:
    """Frozen bottom layers, LoRA-factored top layers, mean pooling, unit length, a 3-output linear head."""

    def __init__(self, model_dir: Path, settings: TuneSettings) -> None:
        import numpy as np
        import torch
        from tokenizers import Tokenizer

        weights = read_safetensors(model_dir / "model.safetensors")
        self.word = weights.pop("embeddings.word_embeddings.weight")
        self.t = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(128)
        self.settings = settings
        self.scale = settings.alpha / settings.rank
        self.factors: dict[str, tuple[Any, Any]] = {}
        for layer in range(settings.first_tuned, 6):
            for dense in DENSE:
                base = self.t[f"encoder.layer.{layer}.{dense}.weight"]
                a = torch.nn.Parameter(torch.randn(settings.rank, base.shape[1]) / math.sqrt(base.shape[1]))
                self.factors[f"encoder.layer.{layer}.{dense}.weight"] = (a, torch.nn.Parameter(
                    torch.zeros(base.shape[0], settings.rank)))
        self.head = torch.nn.Linear(384, len(OUTPUTS))

    def parameters(self) -> list[Any]:
        return [p for pair in self.factors.values() for p in pair] + list(self.head.parameters())

    def lower(self, texts: Sequence[str]) -> list[Any]:
        """Each text's states after the frozen layers (one pass, no gradient)."""
        import numpy as np
        import torch

        out: list[Any] = []
        with torch.no_grad():
            for start in range(0, len(texts), 64):
                states = []
                for encoding in self.tokenizer.encode_batch(list(texts[start:start + 64])):
                    x = torch.from_numpy(np.array(self.word[np.array(encoding.ids)], dtype=np.float32))
                    x = x + self.t["embeddings.position_embeddings.weight"][: len(encoding.ids)]
                    states.append(self._norm(x + self.t["embeddings.token_type_embeddings.weight"][0],
                                             "embeddings.LayerNorm"))
                x, mask = _pad(states)
                for layer in range(self.settings.first_tuned):
                    x = self._layer(x, mask, layer)
                out += [x[i, : int(mask[i].sum())].clone() for i in range(x.shape[0])]
        return out

    def __call__(self, states: list[Any]) -> Any:
        return self.head(self.vectors(states) * SCALE)

    def vectors(self, states: list[Any]) -> Any:
        """Mean-pooled, unit-length sentence vectors of `lower`'s states (what the numpy encoder gives, merged)."""
        import torch

        x, mask = _pad(states)
        for layer in range(self.settings.first_tuned, 6):
            x = self._layer(x, mask, layer)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return torch.nn.functional.normalize(pooled, dim=-1)

    def export(self, settings: TuneSettings, trained_on: tuple[str, ...]) -> tuple[Adapter, LinearHead]:
        weights = self.head.weight.detach().numpy().T.copy()
        bias = self.head.bias.detach().numpy().copy()
        factors = {name: (a.detach().numpy().copy(), b.detach().numpy().copy())
                   for name, (a, b) in self.factors.items()}
        limits = settings.thresholds
        meta = {"model": "all-MiniLM-L6-v2", "trained_on": list(trained_on), "rank": settings.rank,
                "first_tuned": settings.first_tuned, "urgent": settings.urgent,
                "thresholds": {"check_in": limits.check_in, "crisis": limits.crisis, "imminent": limits.imminent}}
        adapter = Adapter(factors, self.scale, meta, {"head_weights": weights, "head_bias": bias})
        return adapter, LinearHead(weights, bias, limits, trained_on=trained_on, urgent=settings.urgent)

    def _dense(self, x: Any, name: str) -> Any:
        y = x @ self.t[f"{name}.weight"].T + self.t[f"{name}.bias"]
        factors = self.factors.get(f"{name}.weight")
        return y if factors is None else y + (x @ factors[0].T @ factors[1].T) * self.scale

    def _norm(self, x: Any, name: str) -> Any:
        import torch

        return torch.nn.functional.layer_norm(x, (x.shape[-1],), self.t[f"{name}.weight"], self.t[f"{name}.bias"], _EPS)

    def _layer(self, x: Any, mask: Any, layer: int) -> Any:
        import torch

        p = f"encoder.layer.{layer}."
        batch, width, hidden = x.shape
        size = hidden // _HEADS
        q, k, v = (self._dense(x, f"{p}{d}").view(batch, width, _HEADS, size).transpose(1, 2) for d in DENSE[:3])
        scores = q @ k.transpose(-1, -2) / math.sqrt(size) + (1.0 - mask)[:, None, None, :] * -1e4
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, width, hidden)
        x = self._norm(x + self._dense(context, f"{p}{DENSE[3]}"), f"{p}attention.output.LayerNorm")
        inner = torch.nn.functional.gelu(self._dense(x, f"{p}{DENSE[4]}"))
        return self._norm(x + self._dense(inner, f"{p}{DENSE[5]}"), f"{p}output.LayerNorm")


def _pad(states: list[Any]) -> tuple[Any, Any]:
    import torch

    width = max(int(s.shape[0]) for s in states)
    x = torch.zeros(len(states), width, states[0].shape[1])
    mask = torch.zeros(len(states), width)
    for i, s in enumerate(states):
        x[i, : s.shape[0]] = s
        mask[i, : s.shape[0]] = 1.0
    return x, mask
