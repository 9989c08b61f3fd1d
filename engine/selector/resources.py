"""Resource awareness: free RAM and VRAM, cached so that asking on every select() stays cheap.

Which models to unload is not decided here: the model manager owns eviction.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
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
    return float(free) / MB


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
