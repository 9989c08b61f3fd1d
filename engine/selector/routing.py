"""What the selector is told about the models: a narrow, frozen routing config the composition root builds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from engine.selector.tuning import SelectorConfig
from engine.tasks import TaskType


@dataclass(frozen=True, slots=True)
class TaskRoute:
    """How one model fits one task: whether it may serve it, and the prior quality and speed (0..1)."""

    suitable: bool = False
    quality: float = 0.5
    speed: float = 0.5
    reason: str = ""
    """Why it may not serve the task, when that is not simply the config (its backend cannot, say)."""


UNSUITED = TaskRoute()
"""The fit of a task the config does not mention."""


@dataclass(frozen=True, slots=True)
class RoutingModel:
    """One model as routing sees it: task fits, whether it can stream, its memory, and its fallbacks."""

    name: str
    tasks: Mapping[TaskType, TaskRoute] = field(default_factory=dict)
    supports_streaming: bool = True
    memory_mb: int = 0
    fallback: tuple[str, ...] = ()

    def fit(self, task: TaskType) -> TaskRoute:
        """The task's fit; a task not listed is unsuited."""
        return self.tasks.get(task, UNSUITED)


@dataclass(frozen=True, slots=True)
class Routing:
    """Everything the selector needs: the models in tiers (tried in order), the memory budget, the knobs."""

    tiers: tuple[tuple[RoutingModel, ...], ...] = ()
    memory_budget_mb: int = 6000
    tuning: SelectorConfig = field(default_factory=SelectorConfig)

    def models(self) -> dict[str, RoutingModel]:
        """Every model once, in tier order."""
        found: dict[str, RoutingModel] = {}
        for tier in self.tiers:
            for model in tier:
                found.setdefault(model.name, model)
        return found

    def tier_names(self) -> list[list[str]]:
        """The tiers as model names."""
        return [[model.name for model in tier] for tier in self.tiers]
