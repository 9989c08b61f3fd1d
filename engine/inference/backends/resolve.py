"""`backend: auto` made concrete: llama.cpp for GGUF sources when it is installed, transformers otherwise."""

from __future__ import annotations

from engine.inference.backends.llama_library import llama_installed
from engine.inference.config import ModelConfig
from engine.inference.sources.gguf import is_gguf_source, local_gguf

SHOWN = {"llama_cpp": "llama.cpp", "transformers": "transformers", "openai": "openai", "scripted": "scripted"}
"""Backend kinds as `tta models` names them."""


def resolve_backend(config: ModelConfig) -> str:
    """The backend kind that runs `config` on this machine (a `backend:` name other than auto).

    An embedded model falls back to transformers (through its one-time safetensors conversion) when
    llama-cpp-python is missing; a local .gguf file stays on llama.cpp, which then reports how to install it.
    """
    return explain_backend(config)[0]


def explain_backend(config: ModelConfig) -> tuple[str, str]:
    """(backend kind, why), e.g. ("llama_cpp", "auto → llama.cpp (GGUF, llama_cpp importable)")."""
    if config.backend != "auto":
        return config.backend, f"backend: {config.backend} (set in settings, not auto)"
    installed = "llama_cpp importable" if llama_installed() else "llama_cpp NOT importable"
    if local_gguf(config) is not None:
        return "llama_cpp", f"auto → llama.cpp (local .gguf file, {installed})"
    if is_gguf_source(config) and llama_installed():
        return "llama_cpp", f"auto → llama.cpp (GGUF, {installed})"
    if is_gguf_source(config):
        return "transformers", f"auto → transformers (GGUF, {installed}: converted once to safetensors)"
    return "transformers", f"auto → transformers ({config.source} model, not a GGUF)"
