"""Run one model step through the selector: pick, call, judge, record, and walk the chain on failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from engine.inference.base import Backend, Response
from engine.selector import Decision, GenerationRecord, Selector
from engine.inference.config import GenParams
from engine.tasks import TaskType
from engine.turn.events import ModelUsed

# A judge returns None when the response is good, else a failure kind the tracker understands.
Judge = Callable[[Response], str | None]
Call = Callable[[Backend, GenParams], Response]


class BackendProvider(Protocol):
    """What a step needs from the model manager: a ready backend by configured name."""

    def get(self, name: str) -> Backend: ...


@dataclass
class StepOutcome:
    """The accepted response (None: fall back to rules) and every model tried on the way."""

    response: Response | None
    decision: Decision | None
    used: list[ModelUsed] = field(default_factory=list)

    @property
    def model(self) -> str | None:
        """The model whose response was accepted."""
        return self.decision.model if self.response is not None and self.decision else None


def record_response(selector: Selector, task: TaskType, model: str, response: Response | None,
                    failure: str | None) -> None:
    """Tell the selector (tracker, bandit, breaker) how a call went."""
    selector.record(
        GenerationRecord(
            model=model,
            task=task,
            tokens=response.tokens if response else 0,
            ttft_s=response.ttft_s if response else None,
            total_s=response.total_s if response else 0.0,
            success=failure is None,
            failure=failure,
        )
    )


def failure_kind(response: Response) -> str | None:
    """Map a response's own outcome to a tracker failure kind."""
    return {"ok": None, "timeout": "timeout", "cancelled": "cancelled", "invalid": "invalid"}.get(
        response.outcome, "exception"
    )


def model_used(task: TaskType, decision: Decision, response: Response | None, failure: str | None) -> ModelUsed:
    """A row for the model panel."""
    return ModelUsed(
        task=task,
        model=decision.model,
        explanation=decision.explain(),
        ttft_s=response.ttft_s if response else None,
        tokens_per_s=response.tokens_per_s if response else None,
        outcome=failure or "ok",
    )


def run_step(selector: Selector, backends: BackendProvider, task: TaskType, call: Call, judge: Judge,
             *, structured_output: bool = False, attempts: int = 3) -> StepOutcome:
    """Try models along the selector's chain until one passes the judge, or fall back to rules."""
    excluded: set[str] = set()
    used: list[ModelUsed] = []
    for _ in range(attempts):
        decision = selector.select(task, structured_output=structured_output, exclude=frozenset(excluded))
        if decision.model is None:
            used.append(ModelUsed(task=task, model=None, explanation=decision.explain()))
            return StepOutcome(None, decision, used)
        response: Response | None = None
        try:
            response = call(backends.get(decision.model), decision.params or GenParams()).wait()
            failure = failure_kind(response) or judge(response)
        except Exception:  # noqa: BLE001 - any model failure falls back; it is recorded, not raised
            failure = "exception"
        # The selector may judge the call as another task (structured_output); learn under that one.
        record_response(selector, decision.task, decision.model, response, failure)
        used.append(model_used(decision.task, decision, response, failure))
        if failure is None:
            return StepOutcome(response, decision, used)
        excluded.add(decision.model)
    return StepOutcome(None, None, used)
