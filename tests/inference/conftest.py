"""Fixtures for the inference tests: the embedded models, loaded once per session from the converted cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from engine.inference.backends.transformers import TransformersBackend
from engine.paths import cache_home
from engine.inference.config import ModelConfig

SMOLLM2 = ModelConfig(model_id="smollm2-135m-instruct", source="embedded", chat_template=True)
GEMMA3 = ModelConfig(model_id="gemma3-270m", source="embedded", chat_template=False)


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
