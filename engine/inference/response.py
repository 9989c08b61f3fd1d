"""A generation's result: streams text chunks as they come and records its own timing and outcome."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from engine.tasks import TaskType

CallOutcome = Literal["ok", "timeout", "cancelled", "error", "invalid"]


@dataclass(frozen=True)
class Choice:
    """The option picked among explicit ones; scores are mean log-likelihood per token, one per option."""

    index: int
    option: str
    scores: list[float] = field(default_factory=list)


_END = object()


class Response:
    """Written by the generating thread, read by the caller: iterate for chunks, or `wait()` for the end."""

    def __init__(self, model: str, task: TaskType | None) -> None:
        self.model = model
        self.task = task
        self.ttft_s: float | None = None
        self.total_s = 0.0
        self.tokens = 0
        self.outcome: CallOutcome = "ok"
        self.error: str | None = None
        self.parsed: BaseModel | None = None
        self.choice: Choice | None = None
        self._started = time.perf_counter()
        self._first_at: float | None = None
        self._parts: list[str] = []
        self._chunks: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._done = threading.Event()

    # -- the producer's side ------------------------------------------------------------------
    def add_tokens(self, count: int) -> None:
        """Count generated tokens; the first one fixes the time to first token."""
        if self._first_at is None and count > 0:
            self._first_at = time.perf_counter()
            self.ttft_s = self._first_at - self._started
        self.tokens += count

    def emit(self, chunk: str) -> None:
        """Hand a piece of text to the reader."""
        if chunk:
            self._parts.append(chunk)
            self._chunks.put(chunk)

    def finish(self, outcome: CallOutcome, error: str | None = None) -> None:
        """Record the end; wakes every reader."""
        self.total_s = time.perf_counter() - self._started
        self.outcome = outcome
        self.error = error
        self._chunks.put(_END)
        self._done.set()

    # -- the reader's side --------------------------------------------------------------------
    def __iter__(self) -> Iterator[str]:
        while True:
            chunk = self._chunks.get()
            if chunk is _END:
                self._chunks.put(_END)  # a second iteration ends at once instead of blocking
                return
            assert isinstance(chunk, str)
            yield chunk

    def wait(self, timeout: float | None = None) -> Response:
        """Block until the generation has ended; returns self."""
        self._done.wait(timeout)
        return self

    @property
    def done(self) -> bool:
        """Whether the generation has ended."""
        return self._done.is_set()

    def text_so_far(self) -> str:
        """The text produced up to now, without waiting."""
        return "".join(self._parts)

    @property
    def text(self) -> str:
        """The whole text (waits for the end)."""
        self._done.wait()
        return "".join(self._parts)

    @property
    def tokens_per_s(self) -> float:
        """Decode rate: tokens after the first over the time after the first (whole call when only one)."""
        if self._first_at is None or self.tokens == 0:
            return 0.0
        decode_s = self.total_s - (self.ttft_s or 0.0)
        if self.tokens > 1 and decode_s > 0:
            return (self.tokens - 1) / decode_s
        return self.tokens / self.total_s if self.total_s > 0 else 0.0

    @property
    def ok(self) -> bool:
        """Whether it finished normally (with valid output, for JSON and choices)."""
        return self.outcome == "ok"

    def __repr__(self) -> str:
        return (
            f"Response(model={self.model!r}, outcome={self.outcome!r}, tokens={self.tokens}, "
            f"ttft_s={self.ttft_s}, total_s={self.total_s:.3f})"
        )
