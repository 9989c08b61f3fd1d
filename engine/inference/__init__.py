"""Running models: backends (transformers, scripted), constrained output, the model manager and cache.

Importing this package stays light: torch and transformers load only when a model does.
"""

from engine.inference.backends.hf_loading import ModelUnavailableError
from engine.inference.backends.scripted import Hang, ScriptedBackend
from engine.inference.base import (
    Backend,
    CallOutcome,
    CapabilityError,
    Choice,
    ChoiceMethod,
    ChoiceRequest,
    GenerationRequest,
    InvalidOutput,
    Message,
    Response,
)
from engine.inference.choice_prompts import choice_request
from engine.inference.manager import LoadedInfo, MemoryBudgetError, ModelManager, UnknownModelError

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
    "CallOutcome",
    "Response",
    "ScriptedBackend",
    "UnknownModelError",
    "choice_request",
]
