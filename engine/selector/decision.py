"""A selection's result: the chosen model (None = rules), the fallback chain to walk, and the reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.tasks import TaskType

RULES = "rules"
"""Shown where the chain ends: no model, the engine's own parser and authored text."""


@dataclass(slots=True)
class CandidateExplanation:
    """One model the selector considered: its score (None when not scored) and why it was or was not eligible."""

    model: str
    eligible: bool
    score: float | None
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Decision:
    """What to run for one call. `model` None means rules; the caller tries `chain` in order, then rules.

    Generation parameters are not routing: the caller takes them from the model's own description.
    """

    task: TaskType
    model: str | None
    chain: list[str]
    candidates: list[CandidateExplanation]
    flags: tuple[str, ...] = ()

    def explain(self) -> str:
        """Several human-readable lines: the choice, the chain, then each candidate's score and reasons."""
        flags = f" [{', '.join(self.flags)}]" if self.flags else ""
        lines = [f"{self.task}{flags} → {self.model or RULES + ' (no model)'}"]
        lines.append("  chain: " + " → ".join([*self.chain, RULES]))
        width = max((len(c.model) for c in self.candidates), default=0)
        for candidate in self.candidates:
            mark = "✓" if candidate.eligible else "✗"
            score = f"{candidate.score:.3f}" if candidate.score is not None else "  -  "
            lines.append(f"  {mark} {candidate.model:<{width}}  {score}  {'; '.join(candidate.reasons)}")
        return "\n".join(lines)
