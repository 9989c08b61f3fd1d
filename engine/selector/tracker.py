"""PerformanceTracker: every generation recorded in TinyDB, with per model×task aggregates kept in memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from engine.saves.notices import Notices
from engine.selector.records import FailureKind, GenerationRecord
from engine.selector.store import attempt, open_file
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
    def gated(self) -> int:
        """Outputs that came back and were judged by a gate: passed, withdrawn as unusable, or guarded."""
        return self.successes + self.failures.get(FailureKind.INVALID, 0) + self.failures.get(FailureKind.GUARD, 0)

    @property
    def gate_pass_rate(self) -> float | None:
        """Share of the outputs that came back which passed their gate (errors and timeouts are not outputs)."""
        return self.successes / self.gated if self.gated else None

    @property
    def tokens_per_s(self) -> float | None:
        """Average decode speed over successful calls."""
        return self.tokens / self.gen_seconds if self.gen_seconds > 0 else None

    @property
    def mean_ttft_s(self) -> float | None:
        """Average time to first token."""
        return self.ttft_seconds / self.ttft_count if self.ttft_count else None

    def merge(self, other: TaskStats) -> None:
        """Add another set of totals (another process's, or this one's since the last write)."""
        self.calls += other.calls
        self.successes += other.successes
        self.tokens += other.tokens
        self.gen_seconds += other.gen_seconds
        self.ttft_seconds += other.ttft_seconds
        self.ttft_count += other.ttft_count
        for kind, count in other.failures.items():
            self.failures[kind] = self.failures.get(kind, 0) + count

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
    Several processes may share the file: each write re-reads it under its lock, appends this
    process's records and adds the totals gathered since its last write, so nobody's counts are lost.
    A write the disk refuses is kept and tried again; record() and flush() never raise for it.
    """

    def __init__(
        self,
        path: Path,
        *,
        flush_every: int = 25,
        max_records: int = 2000,
        clock: Callable[[], float] = time.time,
        notices: Notices | None = None,
    ) -> None:
        self._file = open_file(path, "model statistics", notices)
        self._notices = notices
        self._flush_every = max(1, flush_every)
        self._max_records = max_records
        self._clock = clock
        self._pending: list[dict[str, Any]] = []
        self._unwritten: dict[tuple[str, TaskType], TaskStats] = {}
        """Totals gathered since the last successful write."""
        self._stats: dict[tuple[str, TaskType], TaskStats] = attempt(self._file, notices, "read", _totals) or {}

    def record(self, record: GenerationRecord) -> None:
        """Remember one generation; it reaches the disk with the next batch."""
        key = (record.model, record.task)
        for table in (self._stats, self._unwritten):
            stats = table.get(key)
            if stats is None:
                stats = table[key] = TaskStats()
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

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        """The most recent raw records (every process's), oldest first."""
        stored = attempt(self._file, self._notices, "read", lambda db: [dict(r) for r in db.table(_LOG).all()])
        return [*(stored or []), *self._pending][-limit:]

    def flush(self) -> bool:
        """Write buffered records and add this process's new totals to the file's; False if the disk refused."""
        if not self._pending and not self._unwritten:
            return True
        pending, unwritten, self._unwritten = list(self._pending), self._unwritten, {}

        def write(db: TinyDB) -> dict[tuple[str, TaskType], TaskStats]:
            totals = _totals(db)
            for key, stats in unwritten.items():
                totals.setdefault(key, TaskStats()).merge(stats)
            log = db.table(_LOG)
            if pending:
                log.insert_multiple(pending)
                ids = sorted(doc.doc_id for doc in log.all())
                if len(ids) > self._max_records:
                    log.remove(doc_ids=ids[: len(ids) - self._max_records])
            table = db.table(_TOTALS)
            table.truncate()
            table.insert_multiple({"model": model, "task": str(task), **asdict(stats)}
                                  for (model, task), stats in totals.items())
            return totals

        merged = attempt(self._file, self._notices, "write", write)
        if merged is None:
            # Kept for the next try; the raw log is capped so a disk that stays full cannot eat memory.
            self._pending = self._pending[-self._max_records:]
            for key, stats in unwritten.items():
                self._unwritten.setdefault(key, TaskStats()).merge(stats)
            return False
        del self._pending[: len(pending)]
        self._stats = merged  # now includes what other processes counted
        return True

    def close(self) -> None:
        """Flush; nothing stays open."""
        self.flush()


_LOG = "generations"
_TOTALS = "totals"
_FIELDS = {f for f in TaskStats.__dataclass_fields__}


def _totals(db: TinyDB) -> dict[tuple[str, TaskType], TaskStats]:
    """The stored totals; rows too damaged to use are skipped."""
    found: dict[tuple[str, TaskType], TaskStats] = {}
    for doc in db.table(_TOTALS).all():
        try:
            key = (str(doc["model"]), TaskType(doc["task"]))
            fields = {k: v for k, v in doc.items() if k in _FIELDS}
            stats = TaskStats(**fields)
            if not isinstance(stats.failures, dict) or not all(
                    isinstance(v, (int, float)) for k, v in asdict(stats).items() if k != "failures"):
                continue
        except (KeyError, TypeError, ValueError):
            continue
        found.setdefault(key, TaskStats()).merge(stats)
    return found
