"""Loading a configured model with the backend that runs it here, and whether its files are on this machine."""

from __future__ import annotations

from pathlib import Path

from engine.inference.backends.hf_loading import ModelUnavailableError, files_available, files_cached
from engine.inference.backends.resolve import resolve_backend
from engine.inference.base import Backend
from engine.inference.config import ModelConfig
from engine.inference.sources.gguf import gguf_available, gguf_ready


def transformers_loader(name: str, config: ModelConfig, cache_dir: Path) -> Backend:
    """A TransformersBackend (torch and transformers are imported here, not before)."""
    from engine.inference.backends.transformers import TransformersBackend

    return TransformersBackend.load(name, config, cache_dir)


def default_loader(name: str, config: ModelConfig, cache_dir: Path) -> Backend:
    """The backend `config` resolves to (llama.cpp for GGUF sources when installed, else transformers)."""
    kind = resolve_backend(config)
    if kind == "llama_cpp":
        from engine.inference.backends.llama_cpp import LlamaCppBackend

        return LlamaCppBackend.load(name, config, cache_dir)
    if kind == "transformers":
        return transformers_loader(name, config, cache_dir)
    raise ModelUnavailableError(f"model {name!r} uses backend {kind!r}, which is not registered")


def loadable(config: ModelConfig) -> bool:
    """Whether a backend that loads files runs this config (not a served or scripted one)."""
    return resolve_backend(config) in ("transformers", "llama_cpp")


def files_present(config: ModelConfig) -> bool:
    """Whether the files needed to load the model are on this machine (preparation may still be due)."""
    kind = resolve_backend(config)
    if kind == "llama_cpp":
        return gguf_available(config)
    return kind == "transformers" and files_available(config)


def files_ready(config: ModelConfig, cache_dir: Path) -> bool:
    """Whether loading is fast: a GGUF ready to map (llama.cpp), or converted / on disk (transformers)."""
    kind = resolve_backend(config)
    if kind == "llama_cpp":
        return gguf_ready(config, cache_dir)
    return kind == "transformers" and files_cached(config, cache_dir)
