"""What one model call produced, as the selector records it: timing, tokens, and how it failed if it did."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from engine.tasks import TaskType


class FailureKind(StrEnum):
    """Why a generation did not give usable output."""

    EXCEPTION = "exception"
    """The backend raised."""
    TIMEOUT = "timeout"
    """It ran past its time limit."""
    INVALID = "invalid"
    """It finished, but the output was unusable (bad JSON, no legal action)."""
    CANCELLED = "cancelled"
    """The player or the game stopped it; not held against the model."""
    GUARD = "guard"
    """The safety guard rejected the output."""


@dataclass(frozen=True, slots=True)
class GenerationRecord:
    """One finished model call. `failure` is None on success."""

    model: str
    task: TaskType
    tokens: int = 0
    ttft_s: float | None = None
    total_s: float = 0.0
    success: bool = True
    failure: FailureKind | str | None = None

    def __post_init__(self) -> None:
        if self.success and self.failure is not None:
            raise ValueError(f"a successful record cannot carry failure {self.failure!r}")
        if not self.success and self.failure is None:
            raise ValueError("a failed record needs a failure kind")
        if self.failure is not None:
            object.__setattr__(self, "failure", FailureKind(self.failure))
        object.__setattr__(self, "task", TaskType(self.task))

    @property
    def counts_against_model(self) -> bool:
        """Failures the model is to blame for; a cancelled call says nothing about the model."""
        return not self.success and self.failure is not FailureKind.CANCELLED

    @property
    def tokens_per_s(self) -> float | None:
        """Decode speed, when there was something to measure."""
        return self.tokens / self.total_s if self.success and self.tokens and self.total_s > 0 else None
