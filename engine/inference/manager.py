"""Loads models on demand and keeps the most recently used ones under a memory budget."""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engine.inference.base import Backend
from engine.inference.backends.hf_loading import ModelUnavailableError, files_available, files_cached
from engine.inference.config import ModelConfig

Loader = Callable[[str, ModelConfig, Path], Backend]


class UnknownModelError(KeyError):
    """A model name that is not configured; the message lists the ones that are."""

    def __str__(self) -> str:
        return str(self.args[0])


class MemoryBudgetError(Exception):
    """A model that cannot fit in the memory budget even with everything else unloaded."""


@dataclass(frozen=True)
class LoadedInfo:
    """One loaded model: its name, memory in MB, and when it was last handed out (time.monotonic)."""

    name: str
    mb: float
    last_used: float


def transformers_loader(name: str, config: ModelConfig, cache_dir: Path) -> Backend:
    """The default loader: a TransformersBackend (torch and transformers are imported here, not before)."""
    from engine.inference.backends.transformers import TransformersBackend

    return TransformersBackend.load(name, config, cache_dir)


class ModelManager:
    """`get(name)` returns a ready backend, loading it (and evicting least-recently-used ones) as needed."""

    def __init__(
        self,
        configs: dict[str, ModelConfig],
        budget_mb: int,
        cache_dir: Path,
        loader: Loader = transformers_loader,
    ) -> None:
        self.configs = dict(configs)
        self.budget_mb = budget_mb
        self.cache_dir = cache_dir
        self._loader = loader
        self._lock = threading.RLock()
        self._loaded: OrderedDict[str, tuple[Backend, float]] = OrderedDict()  # name -> (backend, MB)
        self._last_used: dict[str, float] = {}
        self._registered: dict[str, Backend] = {}
        self._loading: dict[str, threading.Lock] = {}

    def register(self, name: str, backend: Backend) -> None:
        """Serve `backend` under `name` (a ScriptedBackend in tests, say); never evicted, counts 0 MB."""
        with self._lock:
            self._registered[name] = backend
            self._last_used[name] = time.monotonic()

    def get(self, name: str) -> Backend:
        """The backend for `name`, loaded on demand.

        Loading happens outside the manager's lock (one loading lock per model), so `loaded()` and other
        models stay answerable while a big model loads: the UI keeps playing on the rules meanwhile.
        """
        with self._lock:
            ready = self._ready(name)
            if ready is not None:
                return ready
            config = self._config(name)
            if config.backend != "transformers":
                raise ModelUnavailableError(f"model {name!r} uses backend {config.backend!r}, which is not registered")
            loading = self._loading.setdefault(name, threading.Lock())
        with loading:
            with self._lock:
                ready = self._ready(name)
                if ready is not None:
                    return ready
                self._make_room(name, config.memory_requirement)
            backend = self._loader(name, config, self.cache_dir)
            measured = backend.memory_mb()
            with self._lock:
                self._loaded[name] = (backend, measured if measured > 0 else float(config.memory_requirement))
                self._last_used[name] = time.monotonic()
                self._make_room(None, 0)  # the measured size may exceed the configured one
            return backend

    def _ready(self, name: str) -> Backend | None:
        """A registered or loaded backend (touching its LRU position), else None. Call under the lock."""
        if name in self._registered:
            self._last_used[name] = time.monotonic()
            return self._registered[name]
        if name in self._loaded:
            self._loaded.move_to_end(name)
            self._last_used[name] = time.monotonic()
            return self._loaded[name][0]
        return None

    def unload(self, name: str) -> bool:
        """Release a loaded model; returns whether it was loaded."""
        with self._lock:
            entry = self._loaded.pop(name, None)
        if entry is None:
            return False
        entry[0].close()
        gc.collect()
        return True

    def loaded(self) -> list[LoadedInfo]:
        """Loaded models (registered ones included), least recently used first."""
        with self._lock:
            infos = [LoadedInfo(name, mb, self._last_used[name]) for name, (_b, mb) in self._loaded.items()]
            infos += [LoadedInfo(name, 0.0, self._last_used[name]) for name in self._registered]
        return sorted(infos, key=lambda info: info.last_used)

    def loaded_names(self) -> list[str]:
        """Names of loaded models (what the selector's Availability protocol asks for)."""
        return [info.name for info in self.loaded()]

    def used_mb(self) -> float:
        """Memory held by loaded models, in MB."""
        with self._lock:
            return sum(mb for _backend, mb in self._loaded.values())

    def is_available(self, name: str) -> bool:
        """Whether the model could be served now: registered, loaded, or its files are on this machine."""
        if name in self._registered or name in self._loaded:
            return True
        config = self.configs.get(name)
        return config is not None and files_available(config)

    def is_cached(self, name: str) -> bool:
        """Whether loading is fast: converted (embedded) or on disk (hub cache, local folder)."""
        if name in self._registered:
            return True
        config = self.configs.get(name)
        return config is not None and files_cached(config, self.cache_dir)

    def _config(self, name: str) -> ModelConfig:
        try:
            return self.configs[name]
        except KeyError:
            known = ", ".join(sorted(set(self.configs) | set(self._registered))) or "none"
            raise UnknownModelError(f"unknown model {name!r}; configured: {known}") from None

    def _make_room(self, incoming: str | None, need_mb: float) -> None:
        """Unload least-recently-used models until `need_mb` more fits in the budget."""
        if need_mb > self.budget_mb:
            raise MemoryBudgetError(
                f"model {incoming!r} needs ~{need_mb} MB but the memory budget is {self.budget_mb} MB"
            )
        while self._loaded and self.used_mb() + need_mb > self.budget_mb:
            oldest = next(iter(self._loaded))
            if oldest == incoming or (incoming is None and len(self._loaded) == 1):
                break
            self.unload(oldest)
