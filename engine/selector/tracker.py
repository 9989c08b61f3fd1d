"""PerformanceTracker: every generation recorded in TinyDB, with per model×task aggregates kept in memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from engine.selector.records import FailureKind, GenerationRecord
from engine.selector.store import flush, open_db
from engine.tasks import TaskType


@dataclass(slots=True)
class TaskStats:
    """Running totals for one model on one task."""

    calls: int = 0
    successes: int = 0
    tokens: int = 0
    gen_seconds: float = 0.0
    ttft_seconds: float = 0.0
    ttft_count: int = 0
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def judged(self) -> int:
        """Calls that say something about the model (cancelled ones do not)."""
        return self.calls - self.failures.get(FailureKind.CANCELLED, 0)

    @property
    def success_rate(self) -> float | None:
        """Share of judged calls that succeeded."""
        return self.successes / self.judged if self.judged else None

    @property
    def tokens_per_s(self) -> float | None:
        """Average decode speed over successful calls."""
        return self.tokens / self.gen_seconds if self.gen_seconds > 0 else None

    @property
    def mean_ttft_s(self) -> float | None:
        """Average time to first token."""
        return self.ttft_seconds / self.ttft_count if self.ttft_count else None

    def add(self, record: GenerationRecord) -> None:
        """Fold one record in."""
        self.calls += 1
        if record.success:
            self.successes += 1
            if record.tokens_per_s is not None:
                self.tokens += record.tokens
                self.gen_seconds += record.total_s
        else:
            kind = str(record.failure)
            self.failures[kind] = self.failures.get(kind, 0) + 1
        if record.ttft_s is not None:
            self.ttft_seconds += record.ttft_s
            self.ttft_count += 1


class PerformanceTracker:
    """Records generations to `path` (TinyDB) and answers speed and success questions from memory.

    Records are buffered and written `flush_every` at a time (and on flush()/close()), so record()
    costs microseconds; the raw log keeps the latest `max_records`, the totals count everything.
    """

    def __init__(
        self,
        path: Path,
        *,
        flush_every: int = 25,
        max_records: int = 2000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = open_db(path)
        self._log = self._db.table("generations")
        self._totals = self._db.table("totals")
        self._flush_every = max(1, flush_every)
        self._max_records = max_records
        self._clock = clock
        self._pending: list[dict] = []
        self._stats: dict[tuple[str, TaskType], TaskStats] = {}
        for doc in self._totals.all():
            stats = TaskStats(**{k: v for k, v in doc.items() if k not in ("model", "task")})
            self._stats[(doc["model"], TaskType(doc["task"]))] = stats

    def record(self, record: GenerationRecord) -> None:
        """Remember one generation; it reaches the disk with the next batch."""
        key = (record.model, record.task)
        stats = self._stats.get(key)
        if stats is None:
            stats = self._stats[key] = TaskStats()
        stats.add(record)
        row = asdict(record)
        row["time"] = self._clock()
        self._pending.append(row)
        if len(self._pending) >= self._flush_every:
            self.flush()

    def stats(self, model: str, task: TaskType) -> TaskStats | None:
        """Totals for a model on a task, or None if it never ran it."""
        return self._stats.get((model, task))

    def average_speed(self, model: str, task: TaskType) -> float | None:
        """Average tokens per second of successful calls (None before any)."""
        stats = self._stats.get((model, task))
        return stats.tokens_per_s if stats else None

    def success_rate(self, model: str, task: TaskType) -> float | None:
        """Share of calls that succeeded, cancelled calls aside (None before any)."""
        stats = self._stats.get((model, task))
        return stats.success_rate if stats else None

    def summary(self) -> dict[tuple[str, TaskType], TaskStats]:
        """All totals, by (model, task)."""
        return dict(self._stats)

    def history(self, limit: int = 100) -> list[dict]:
        """The most recent raw records, oldest first."""
        return [*self._log.all(), *self._pending][-limit:]

    def flush(self) -> None:
        """Write buffered records and the current totals to disk."""
        if self._pending:
            self._log.insert_multiple(self._pending)
            self._pending = []
            self._trim()
        self._totals.truncate()
        self._totals.insert_multiple(
            {"model": model, "task": str(task), **asdict(stats)} for (model, task), stats in self._stats.items()
        )
        flush(self._db)

    def close(self) -> None:
        """Flush and release the file."""
        self.flush()
        self._db.close()

    def _trim(self) -> None:
        ids = [doc.doc_id for doc in self._log.all()]
        if len(ids) > self._max_records:
            self._log.remove(doc_ids=sorted(ids)[: len(ids) - self._max_records])
