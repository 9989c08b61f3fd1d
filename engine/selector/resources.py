"""Resource awareness: free RAM/VRAM (cached, cheap to ask), and which loaded models to unload (LRU) for a budget."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import psutil

MB = 1024 * 1024


class ResourceProbe(Protocol):
    """Where free memory is read from."""

    def free_ram_mb(self) -> float:
        """Available system memory in MB."""
        ...

    def free_vram_mb(self) -> float | None:
        """Free GPU memory in MB, or None without a usable GPU."""
        ...


class SystemResources:
    """Reads psutil (and torch.cuda when torch is already imported), at most once per `ttl_s`.

    psutil costs ~30 µs a call, so a fresh reading on every select() would blow the selector's budget.
    """

    def __init__(self, ttl_s: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_s
        self._clock = clock
        self._read_at = float("-inf")
        self._ram = 0.0
        self._vram: float | None = None

    def free_ram_mb(self) -> float:
        """Available system memory in MB."""
        self._refresh()
        return self._ram

    def free_vram_mb(self) -> float | None:
        """Free memory on the current CUDA device in MB, or None."""
        self._refresh()
        return self._vram

    def _refresh(self) -> None:
        now = self._clock()
        if now - self._read_at < self._ttl:
            return
        self._read_at = now
        self._ram = psutil.virtual_memory().available / MB
        self._vram = _cuda_free_mb()


def _cuda_free_mb() -> float | None:
    # Never import torch here: only ask it if the inference layer has already loaded it.
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    try:
        if not torch.cuda.is_available():
            return None
        free, _total = torch.cuda.mem_get_info()
    except (RuntimeError, AttributeError):
        return None
    return free / MB


@dataclass
class FixedResources:
    """Fixed readings, for tests, benchmarks and simulations."""

    ram_mb: float
    vram_mb: float | None = None

    def free_ram_mb(self) -> float:
        """The fixed RAM figure."""
        return self.ram_mb

    def free_vram_mb(self) -> float | None:
        """The fixed VRAM figure."""
        return self.vram_mb


class LoadedEntry(Protocol):
    """A loaded model as the model manager reports it."""

    name: str
    mb: int | float
    last_used: float


def plan_unload(
    loaded: Sequence[LoadedEntry], incoming_mb: float, budget_mb: float, keep: Collection[str] = ()
) -> list[str]:
    """Names to unload, least recently used first, so that loaded + incoming stays within the budget.

    Models in `keep` are never proposed. If even unloading every other model is not enough, the plan
    still unloads them all; whether to load anyway is the caller's decision.
    """
    total = sum(entry.mb for entry in loaded) + incoming_mb
    plan: list[str] = []
    for entry in sorted(loaded, key=lambda e: e.last_used):
        if total <= budget_mb:
            break
        if entry.name in keep:
            continue
        plan.append(entry.name)
        total -= entry.mb
    return plan
