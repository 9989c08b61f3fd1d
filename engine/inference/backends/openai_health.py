"""Is a model server up? A cached GET /v1/models with a short timeout, refreshed in the background when stale."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.inference.backends.openai_client import MissingKeyError, make_client, redact
from engine.inference.config import ModelConfig


@dataclass(frozen=True)
class Probe:
    """One health check of a server."""

    base_url: str
    reachable: bool
    latency_s: float | None = None
    models: tuple[str, ...] = ()
    """The model names the server lists."""
    owners: tuple[str, ...] = ()
    """Their `owned_by` values (which tell the server's kind)."""
    error: str | None = None
    status: int | None = None
    """The HTTP status when the server answered with an error (401: a wrong key, say)."""
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per model, the extra fields the server reported (vLLM: max_model_len, say)."""
    checked_at: float = 0.0

    def serves(self, name: str) -> bool:
        """Whether the server lists `name` (a server that lists none is taken at its word)."""
        return not self.models or name in self.models

    def problem(self, served: str) -> str | None:
        """Why a model named `served` cannot be used on this server now; None when it can."""
        if self.status is not None:
            return f"server at {self.base_url} refused: {self.error}"
        if not self.reachable:
            return f"server unreachable at {self.base_url} ({self.error or 'no answer'})"
        if not self.serves(served):
            return f"server at {self.base_url} does not serve {served!r} (it serves: {', '.join(self.models)})"
        return None


def probe_server(config: ModelConfig, timeout_s: float, clock: Callable[[], float] = time.monotonic) -> Probe:
    """GET /v1/models once; never raises."""
    from openai import APIStatusError

    base = config.base_url or ""
    started = clock()
    try:
        client = make_client(config, timeout_s)
        try:
            listed = list(client.models.list())
        finally:
            client.close()
    except MissingKeyError as error:
        return Probe(base, False, error=str(error), checked_at=clock())
    except APIStatusError as error:
        reason = redact(f"HTTP {error.status_code} {error.message}", config)
        return Probe(base, False, error=reason, status=error.status_code, checked_at=clock())
    except Exception as error:  # noqa: BLE001 - any failure to answer means unreachable, with the reason kept
        reason = redact(f"{type(error).__name__}: {error}", config)
        return Probe(base, False, error=reason, checked_at=clock())
    latency = clock() - started
    details = {model.id: dict(model.model_extra or {}) for model in listed}
    return Probe(
        base, True, latency, tuple(model.id for model in listed),
        tuple(str(model.owned_by) for model in listed), details=details, checked_at=clock(),
    )


class ServerHealth:
    """Probes per server, cached: a reachable server is asked again after `up_ttl_s`, a down one after
    `down_ttl_s`. A stale answer is returned at once while a background probe refreshes it, so the
    selector never waits on a slow server; only the very first check of a server waits (`timeout_s`)."""

    def __init__(self, *, timeout_s: float = 0.5, up_ttl_s: float = 15.0, down_ttl_s: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.timeout_s = timeout_s
        self._up_ttl = up_ttl_s
        self._down_ttl = down_ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._probes: dict[str, Probe] = {}
        self._refreshing: set[str] = set()

    def check(self, config: ModelConfig, *, fresh: bool = False) -> Probe:
        """The server's health; `fresh` probes now (one round trip) instead of using the cache."""
        key = config.base_url or ""
        with self._lock:
            cached = self._probes.get(key)
        if fresh or cached is None:
            return self._store(probe_server(config, self.timeout_s, self._clock))
        ttl = self._up_ttl if cached.reachable else self._down_ttl
        if self._clock() - cached.checked_at >= ttl:
            self._refresh_later(config)
        return cached

    def mark_down(self, config: ModelConfig, error: str) -> None:
        """A call just failed to reach the server: say so at once, until a probe finds it back."""
        key = config.base_url or ""
        with self._lock:
            self._probes[key] = Probe(key, False, error=error, checked_at=self._clock())

    def mark_up(self, config: ModelConfig) -> None:
        """A call just succeeded: a server thought down is up again."""
        key = config.base_url or ""
        with self._lock:
            cached = self._probes.get(key)
            if cached is not None and not cached.reachable:
                del self._probes[key]  # the next check probes again, for the model list and latency

    def _store(self, probe: Probe) -> Probe:
        with self._lock:
            self._probes[probe.base_url] = probe
        return probe

    def _refresh_later(self, config: ModelConfig) -> None:
        key = config.base_url or ""
        with self._lock:
            if key in self._refreshing:
                return
            self._refreshing.add(key)

        def run() -> None:
            try:
                self._store(probe_server(config, self.timeout_s, self._clock))
            finally:
                with self._lock:
                    self._refreshing.discard(key)

        threading.Thread(target=run, name=f"probe-{key}", daemon=True).start()
