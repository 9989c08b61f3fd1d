"""Loads models on demand and keeps the most recently used ones under a memory budget."""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engine.inference.backends.hf_loading import ModelUnavailableError
from engine.inference.backends.openai_health import ServerHealth
from engine.inference.base import Backend
from engine.inference.config import GenParams, ModelConfig
from engine.inference.loaders import default_loader, files_present, files_ready, loadable
from engine.tasks import TaskType

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


class ModelManager:
    """`get(name)` returns a ready backend, loading it (and evicting least-recently-used ones) as needed."""

    def __init__(
        self,
        configs: dict[str, ModelConfig],
        budget_mb: int,
        cache_dir: Path,
        loader: Loader = default_loader,
        health: ServerHealth | None = None,
    ) -> None:
        self.configs = dict(configs)
        self.health = health or ServerHealth()
        """Cached health probes of the servers behind `backend: openai` models."""
        self.budget_mb = budget_mb
        self.cache_dir = cache_dir
        self._loader = loader
        self._lock = threading.RLock()
        self._loaded: OrderedDict[str, tuple[Backend, float]] = OrderedDict()  # name -> (backend, MB)
        self._last_used: dict[str, float] = {}
        self._registered: dict[str, Backend] = {}
        self._loading: dict[str, threading.Lock] = {}
        self._closed = False

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
            if config.backend != "openai" and not loadable(config):
                raise ModelUnavailableError(f"model {name!r} uses backend {config.backend!r}, which is not registered")
            loading = self._loading.setdefault(name, threading.Lock())
        with loading:
            with self._lock:
                ready = self._ready(name)
                if ready is not None:
                    return ready
                self._make_room(name, config.memory_requirement)
            backend = self._load(name, config)
            measured = backend.memory_mb()
            with self._lock:
                if self._closed:  # closed while this model loaded (a background warm-up at exit)
                    backend.close()
                    raise ModelUnavailableError(f"model {name!r}: the model manager was closed")
                self._loaded[name] = (backend, measured if measured > 0 else float(config.memory_requirement))
                self._last_used[name] = time.monotonic()
                self._make_room(None, 0)  # the measured size may exceed the configured one
            return backend

    def _load(self, name: str, config: ModelConfig) -> Backend:
        if config.backend == "openai":  # a served model: connecting is all its "loading"
            from engine.inference.backends.openai import OpenAIBackend

            return OpenAIBackend.connect(name, config, self.health)
        return self._loader(name, config, self.cache_dir)

    def params_for(self, name: str, task: TaskType) -> GenParams:
        """Generation parameters for a model on a task (from its config; defaults for an unconfigured one)."""
        config = self.configs.get(name)
        return config.params_for(task) if config is not None else GenParams()

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

    def close(self) -> None:
        """Unload every loaded model, stopping running calls first (on exit: llama.cpp must be freed before
        the interpreter tears down, never under a call still decoding in another thread)."""
        with self._lock:
            self._closed = True
            names = list(self._loaded)
        for name in names:
            self.unload(name)

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
        """Whether the model could be served now: registered, loaded, its files are on this machine, or
        (served models) its server answers its health probe."""
        if name in self._registered:
            return True
        config = self.configs.get(name)
        if config is not None and config.backend == "openai":
            return self.why_unavailable(name) is None
        if name in self._loaded:
            return True
        return config is not None and files_present(config)

    def why_unavailable(self, name: str) -> str | None:
        """Why the model cannot be served now, for explanations ("server unreachable at …"); None if it can."""
        config = self.configs.get(name)
        if name in self._registered or config is None:
            return None
        if config.backend == "openai":
            return self.health.check(config).problem(config.served_name)
        if name in self._loaded or files_present(config):
            return None
        return "not available (model files missing)"

    def is_cached(self, name: str) -> bool:
        """Whether loading is fast: converted (embedded) or on disk (hub cache, local folder)."""
        if name in self._registered:
            return True
        config = self.configs.get(name)
        if config is not None and config.backend == "openai":
            return True  # nothing to load: connecting takes one probe
        return config is not None and files_ready(config, self.cache_dir)

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
