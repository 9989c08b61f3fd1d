"""Run one model step through the selector: pick, call, judge, record, and walk the chain on failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from engine.inference.base import Backend, Response
from engine.inference.config import GenParams
from engine.selector import Decision, GenerationRecord, Selector
from engine.tasks import TaskType
from engine.turn.events import ModelUsed

# A judge returns None when the response is good, else a failure kind the tracker understands.
Judge = Callable[[Response], str | None]
Call = Callable[[Backend, GenParams], Response]


class BackendProvider(Protocol):
    """What a step needs from the model manager: a ready backend, and its generation parameters for a task."""

    def get(self, name: str) -> Backend: ...

    def params_for(self, name: str, task: TaskType) -> GenParams: ...


@dataclass
class StepOutcome:
    """The accepted response (None: fall back to rules) and every model tried on the way."""

    response: Response | None
    decision: Decision | None
    used: list[ModelUsed] = field(default_factory=list)
    model: str | None = None
    """The model whose response was accepted (a later one in the chain when the first failed)."""


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


def model_used(task: TaskType, decision: Decision, response: Response | None, failure: str | None,
               model: str | None = None, params: GenParams | None = None) -> ModelUsed:
    """A row for the model panel: the model tried (default: the decision's first) and the parameters it got."""
    explanation = decision.explain()
    if params is not None:
        explanation += f"\n  params: {params.describe()}"
    return ModelUsed(
        task=task,
        model=model or decision.model,
        explanation=explanation,
        ttft_s=response.ttft_s if response else None,
        tokens_per_s=response.tokens_per_s if response else None,
        outcome=failure or "ok",
    )


def run_step(selector: Selector, backends: BackendProvider, task: TaskType, call: Call, judge: Judge,
             *, structured_output: bool = False, attempts: int = 3) -> StepOutcome:
    """Walk the selector's chain, exactly as its explanation shows it, until a model passes the judge; else rules."""
    decision = selector.select(task, structured_output=structured_output, limit=attempts)
    if decision.model is None:
        return StepOutcome(None, decision, [ModelUsed(task=task, model=None, explanation=decision.explain())])
    used: list[ModelUsed] = []
    for model in decision.chain:
        # The selector may judge the call as another task (structured_output); ask and learn under that one.
        params = backends.params_for(model, decision.task)
        response: Response | None = None
        try:
            response = call(backends.get(model), params).wait()
            failure = failure_kind(response) or judge(response)
        except Exception:  # noqa: BLE001 - any model failure falls back; it is recorded, not raised
            failure = "exception"
        record_response(selector, decision.task, model, response, failure)
        used.append(model_used(decision.task, decision, response, failure, model, params))
        if failure is None:
            return StepOutcome(response, decision, used, model)
    return StepOutcome(None, decision, used)
