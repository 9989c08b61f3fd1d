"""A selection's result: the chosen model (None = rules), its parameters, the fallback chain and the reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.inference.config import GenParams
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
    """What to run for one call. `model` None means rules; try `chain` in order, then rules."""

    task: TaskType
    model: str | None
    params: GenParams | None
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
        if self.params is not None:
            p = self.params
            lines.append(
                f"  params: temperature={p.temperature} top_p={p.top_p} max_tokens={p.max_tokens}"
                f" repetition_penalty={p.repetition_penalty}"
            )
        return "\n".join(lines)
