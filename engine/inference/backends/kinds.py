"""The backend classes by their `backend:` name in settings.yaml, and what each task's call asks of one.

Every module named here must stay light to import (torch and the like only inside functions).
"""

from __future__ import annotations

from engine.inference.backends.llama_cpp import LlamaCppBackend
from engine.inference.backends.openai import OpenAIBackend
from engine.inference.backends.scripted import ScriptedBackend
from engine.inference.backends.transformers import TransformersBackend
from engine.inference.base import Backend
from engine.tasks import TaskType

BACKENDS: dict[str, type[Backend]] = {
    "transformers": TransformersBackend,
    "llama_cpp": LlamaCppBackend,
    "scripted": ScriptedBackend,
    "openai": OpenAIBackend,
}
"""Each backend kind's class: its class-level flags are the one declaration of what it can do."""

TASK_NEEDS: dict[TaskType, tuple[str, str]] = {
    TaskType.TOOL_SELECTION: ("supports_choice", "choose among options"),
    TaskType.STRUCTURED_OUTPUT: ("supports_json", "write schema-constrained JSON"),
}
"""The capability flag a task's call needs (tool selection ranks the legal actions; state updates are JSON)."""


class UnknownBackendError(KeyError):
    """A backend name with no class; the message lists the ones that exist."""

    def __str__(self) -> str:
        return str(self.args[0])


def backend_class(kind: str) -> type[Backend]:
    """The class behind a `backend:` name."""
    try:
        return BACKENDS[kind]
    except KeyError:
        raise UnknownBackendError(f"unknown backend {kind!r}; known: {', '.join(sorted(BACKENDS))}") from None


def cannot_serve(backend: type[Backend], task: TaskType) -> str | None:
    """Why a backend cannot make the call a task needs, or None when it can."""
    need = TASK_NEEDS.get(task)
    if need is None or getattr(backend, need[0]):
        return None
    return f"its backend cannot {need[1]}"
