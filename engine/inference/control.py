"""Stop conditions for one generation call: the caller's stop event and a deadline."""

from __future__ import annotations

import threading
import time
from typing import Literal

StopReason = Literal["timeout", "cancelled"]


class CallControl:
    """Checked between tokens; remembers the first reason it reported, so the outcome can say why it stopped."""

    def __init__(self, stop: threading.Event | None, timeout_s: float | None) -> None:
        self._stop = stop
        self._deadline = None if timeout_s is None else time.monotonic() + timeout_s
        self.tripped: StopReason | None = None

    def check(self) -> StopReason | None:
        """The reason to stop now, if any."""
        if self.tripped is None:
            if self._stop is not None and self._stop.is_set():
                self.tripped = "cancelled"
            elif self._deadline is not None and time.monotonic() >= self._deadline:
                self.tripped = "timeout"
        return self.tripped

    def remaining(self) -> float | None:
        """Seconds until the deadline (None when there is none)."""
        return None if self._deadline is None else max(0.0, self._deadline - time.monotonic())

    def wait(self, seconds: float) -> StopReason | None:
        """Sleep up to `seconds`, waking early on cancellation or the deadline."""
        end = time.monotonic() + seconds
        while self.check() is None:
            left = end - time.monotonic()
            if left <= 0:
                return None
            step = min(left, 0.02) if self._deadline is None else min(left, 0.02, self.remaining() or 0.0)
            if self._stop is not None:
                self._stop.wait(step)
            else:
                time.sleep(step)
        return self.tripped

    def acquire(self, lock: threading.Lock) -> bool:
        """Take `lock` (a model is driven by one thread at a time) unless the call is stopped first."""
        while self.check() is None:
            if lock.acquire(timeout=0.05):
                return True
        return False
