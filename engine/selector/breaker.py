"""Circuit breaker: a model that fails N times in a row rests for a cooldown, then gets one trial call."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from engine.selector.tuning import BreakerConfig


@dataclass(slots=True)
class _State:
    failures: int = 0
    open_until: float | None = None
    trips: int = 0


class CircuitBreaker:
    """Per-model consecutive-failure counting; closed → open (cooling) → half-open (one trial) → closed."""

    def __init__(self, config: BreakerConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self._config = config
        self._clock = clock
        self._states: dict[str, _State] = {}

    def cooling(self, model: str) -> float:
        """Seconds the model still rests (0.0 when it may be tried)."""
        state = self._states.get(model)
        if state is None or state.open_until is None:
            return 0.0
        return max(0.0, state.open_until - self._clock())

    def success(self, model: str) -> None:
        """A good call closes the circuit."""
        state = self._states.get(model)
        if state is not None:
            state.failures = 0
            state.open_until = None

    def failure(self, model: str) -> bool:
        """Count a failure; True when this one (re)opened the circuit."""
        state = self._states.setdefault(model, _State())
        state.failures += 1
        half_open = state.open_until is not None and self._clock() >= state.open_until
        if state.failures >= self._config.failures_to_open or half_open:
            # A failed trial after cooling re-opens at once: one bad call is enough evidence there.
            state.open_until = self._clock() + self._config.cooldown_s
            state.trips += 1
            return True
        return False

    def trips(self, model: str) -> int:
        """How many times the model has been sent to cool down."""
        state = self._states.get(model)
        return state.trips if state else 0
