"""Validated model configurations: every field of the seed's MODEL_CONFIGS plus backend, source and params."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.tasks import TaskType

ServerDialect = Literal["auto", "vllm", "llama_cpp", "llama_server", "ollama", "lmstudio", "openai"]
"""OpenAI-compatible servers whose request details differ (engine/inference/backends/openai_dialects.py)."""

TokenEmbeddings = Literal["keep", "q8_0", "q5_0", "q4_0"]
"""How a llama.cpp model's token-embedding table is stored: as its GGUF has it, or requantized to this type."""

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
    """Penalty for repeated tokens (small models loop without one); never applied to special tokens."""
    stop: list[str] = Field(default_factory=list)
    """Generation ends once the new text contains one of these strings (e.g. "\\n\\n", "Player:")."""

    def describe(self) -> str:
        """One line for explanations: the sampling settings and the token limit."""
        return (f"temperature={self.temperature} top_p={self.top_p} max_tokens={self.max_tokens}"
                f" repetition_penalty={self.repetition_penalty}")


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
    """Whether this model may serve tasks that require streaming (routing also needs its backend to stream)."""
    memory_requirement: int = Field(1000, ge=0)
    """Approximate memory needed when loaded, in MB."""
    task_mapping: dict[TaskType, TaskFit] = Field(default_factory=dict)
    """Per-task suitability and prior scores."""
    backend: Literal["auto", "transformers", "llama_cpp", "scripted", "openai"] = "auto"
    """Which inference backend runs this model; auto: llama.cpp for a GGUF source when llama-cpp-python
    is installed, else transformers (engine/inference/backends/resolve.py)."""
    source: Literal["hub", "embedded", "local"] = "hub"
    """hub: HF hub cache; embedded: a PyPI-shipped GGUF; local: a model folder or a .gguf file on disk
    (`source: path/to/model.gguf` is short for `source: local` with that path as model_id)."""
    n_threads: int | None = Field(None, ge=1, le=256)
    """llama.cpp: CPU threads for decoding and prompts; unset: measured defaults, 1 for decoding on up to 2
    cores and every core (up to 4) for prompts (engine/inference/backends/llama_library.py)."""
    context_length: int = Field(2048, ge=256, le=131072)
    """llama.cpp: tokens of context (prompt + reply) the KV cache holds; memory grows with it."""
    kv_cache: Literal["f16", "q8_0"] = "f16"
    """llama.cpp: how keys and values are stored; q8_0 halves the cache (with flash attention, which it needs)."""
    token_embeddings: TokenEmbeddings = "keep"
    """llama.cpp: the token-embedding table as the GGUF has it (keep), or requantized once into the cache
    (engine/inference/sources/lean_gguf.py): for small models whose table is most of the file."""
    chat_template: bool = True
    """Whether this is a chat model; it chats only if its files carry a template too (see inference/prompt_form)."""
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    """Weights dtype; auto picks per device."""
    generation: dict[TaskType, GenParams] = Field(default_factory=dict)
    """Task-specific generation parameters; missing tasks use max_tokens/temperature above."""
    fallback: list[str] = Field(default_factory=list)
    """Models to try, in order, when this one is unsuitable or failing."""
    base_url: str | None = None
    """backend openai: the server's OpenAI-compatible root, e.g. http://127.0.0.1:8000/v1."""
    served_model: str | None = None
    """backend openai: the model's name on the server (as GET /v1/models lists it); defaults to model_id."""
    api_key_env: str | None = None
    """backend openai: the NAME of the environment variable that holds the API key, never the key itself."""
    extra_request: dict[str, Any] = Field(default_factory=dict)
    """backend openai: fields added to every request body (server-specific, e.g. {"top_k": 20})."""
    dialect: ServerDialect = "auto"
    """backend openai: which server it is (decides JSON format and logprob support); auto asks the server."""

    @model_validator(mode="before")
    @classmethod
    def _gguf_source(cls, data: Any) -> Any:
        """`source: some/model.gguf` names a local GGUF file."""
        if isinstance(data, dict) and str(data.get("source", "")).lower().endswith(".gguf"):
            path = data["source"]
            if data.get("model_id") not in (None, path):
                raise ValueError("give the .gguf path once: as source or as model_id (with source: local)")
            data = {**data, "source": "local", "model_id": path}
        return data

    @model_validator(mode="after")
    def _served_fields(self) -> ModelConfig:
        served = ("base_url", "served_model", "api_key_env", "extra_request", "dialect")
        if self.backend != "openai":
            # A value equal to its default (a dumped and reloaded config) is not a stray setting.
            stray = [name for name in served if name in self.model_fields_set
                     and getattr(self, name) != type(self).model_fields[name].get_default(call_default_factory=True)]
            if stray:
                raise ValueError(f"{', '.join(stray)}: only for backend: openai")
            return self
        if not self.base_url or not self.base_url.startswith(("http://", "https://")):
            raise ValueError("backend openai needs base_url: http(s)://HOST:PORT/v1")
        # A pasted key is not a variable name; say so without repeating the value.
        if self.api_key_env is not None and not _ENV_NAME.fullmatch(self.api_key_env):
            raise ValueError("api_key_env names an environment variable (e.g. TTA_VLLM_KEY), not the key itself")
        if "memory_requirement" not in self.model_fields_set:
            self.memory_requirement = 0  # a served model takes no memory on this machine
        return self

    @property
    def served_name(self) -> str:
        """The model's name on its server (backend openai)."""
        return self.served_model or self.model_id

    def fit(self, task: TaskType) -> TaskFit:
        """The task fit, or an unsuitable default for tasks the config does not mention."""
        return self.task_mapping.get(task, TaskFit())

    def params_for(self, task: TaskType) -> GenParams:
        """Generation parameters for a task, falling back to the model's defaults."""
        return self.generation.get(
            task, GenParams(temperature=self.temperature, max_tokens=self.max_tokens)
        )
