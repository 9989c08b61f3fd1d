"""Running models: backends (transformers, scripted), constrained output, the model manager and cache.

Importing this package stays light: torch and transformers load only when a model does.
"""

from engine.inference.base import (
    Backend,
    CapabilityError,
    Choice,
    ChoiceMethod,
    ChoiceRequest,
    GenerationRequest,
    InvalidOutput,
    Message,
    Outcome,
    Response,
)
from engine.inference.loading import ModelUnavailableError
from engine.inference.manager import LoadedInfo, MemoryBudgetError, ModelManager, UnknownModelError
from engine.inference.prompts import choice_request
from engine.inference.scripted import Hang, ScriptedBackend

__all__ = [
    "Backend",
    "CapabilityError",
    "Choice",
    "ChoiceMethod",
    "ChoiceRequest",
    "GenerationRequest",
    "Hang",
    "InvalidOutput",
    "LoadedInfo",
    "MemoryBudgetError",
    "Message",
    "ModelManager",
    "ModelUnavailableError",
    "Outcome",
    "Response",
    "ScriptedBackend",
    "UnknownModelError",
    "choice_request",
]
