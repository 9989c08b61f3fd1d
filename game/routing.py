"""Settings and backend capabilities → the selector's narrow routing config (used by the factory and benches)."""

from __future__ import annotations

from engine.inference.backends.kinds import backend_class, cannot_serve
from engine.inference.backends.resolve import resolve_backend
from engine.inference.config import ModelConfig
from engine.selector import Routing, RoutingModel, TaskRoute
from engine.settings import Settings
from engine.tasks import TaskType


def routing_model(name: str, config: ModelConfig) -> RoutingModel:
    """What the selector may know of one model: its task fits, honest about what its backend cannot do."""
    backend = backend_class(resolve_backend(config))  # backend: auto, as it resolves on this machine
    tasks: dict[TaskType, TaskRoute] = {}
    for task, fit in config.task_mapping.items():
        blocked = cannot_serve(backend, task) if fit.suitable else None
        tasks[task] = TaskRoute(fit.suitable and blocked is None, fit.quality_score, fit.speed_score, blocked or "")
    return RoutingModel(
        name=name,
        tasks=tasks,
        # The model may be declared unable to stream (the seed's phi-4), or its backend may be.
        supports_streaming=config.supports_streaming and backend.can_stream,
        memory_mb=config.memory_requirement,
        fallback=tuple(config.fallback),
    )


def routing_from(settings: Settings) -> Routing:
    """The selector's config: the active profile's tiers of models, the memory budget and the tuning knobs."""
    models = {name: routing_model(name, config) for name, config in settings.active_models().items()}
    tiers = tuple(tuple(models[name] for name in tier) for tier in settings.profile_tiers())
    return Routing(tiers=tiers, memory_budget_mb=settings.memory_budget_mb, tuning=settings.selector)
