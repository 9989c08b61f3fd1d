"""`backend: auto` made concrete: llama.cpp for GGUF sources when it is installed, transformers otherwise."""

from __future__ import annotations

from engine.inference.backends.llama_library import llama_installed
from engine.inference.config import ModelConfig
from engine.inference.sources.gguf import is_gguf_source, local_gguf


def resolve_backend(config: ModelConfig) -> str:
    """The backend kind that runs `config` on this machine (a `backend:` name other than auto).

    An embedded model falls back to transformers (through its one-time safetensors conversion) when
    llama-cpp-python is missing; a local .gguf file stays on llama.cpp, which then reports how to install it.
    """
    if config.backend != "auto":
        return config.backend
    if local_gguf(config) is not None:
        return "llama_cpp"
    if is_gguf_source(config) and llama_installed():
        return "llama_cpp"
    return "transformers"
