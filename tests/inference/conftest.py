"""Fixtures for the inference tests: the embedded models, loaded once per session (transformers from the
converted cache, llama.cpp from the GGUF files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from engine.inference.backends.transformers import TransformersBackend
from engine.inference.config import ModelConfig
from engine.paths import cache_home
from engine.settings import load_settings

if TYPE_CHECKING:
    from engine.inference.backends.llama_cpp import LlamaCppBackend

SMOLLM2 = ModelConfig(model_id="smollm2-135m-instruct", source="embedded", chat_template=True)
SETTINGS = Path(__file__).resolve().parents[2] / "settings.yaml"
GEMMA3 = ModelConfig(model_id="gemma3-270m", source="embedded", chat_template=False)


def shipped(name: str) -> ModelConfig:
    """The model's entry in the shipped settings.yaml (context, KV cache, token table as players get them)."""
    return load_settings(SETTINGS).models[name]


@pytest.fixture(scope="session")
def smollm2() -> Iterator[TransformersBackend]:
    """SmolLM2-135M-Instruct (converted on first use if `tta models prepare` has not run)."""
    backend = TransformersBackend.load("smollm2", SMOLLM2, cache_home())
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def gemma3() -> Iterator[TransformersBackend]:
    """Gemma-3-270M (base model, no chat template)."""
    backend = TransformersBackend.load("gemma3", GEMMA3, cache_home())
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def llama_smollm2() -> Iterator[LlamaCppBackend]:
    """SmolLM2-135M-Instruct through llama.cpp, straight from the GGUF in its wheel, configured as shipped."""
    from engine.inference.backends.llama_cpp import LlamaCppBackend

    backend = LlamaCppBackend.load("smollm2-llama", shipped("smollm2-135m"), cache_home())
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def llama_gemma3() -> Iterator[LlamaCppBackend]:
    """Gemma-3-270M (base) through llama.cpp, configured as shipped; its GGUF has no chat template."""
    from engine.inference.backends.llama_cpp import LlamaCppBackend

    backend = LlamaCppBackend.load("gemma3-llama", shipped("gemma3-270m"), cache_home())
    yield backend
    backend.close()
