"""Tiny randomly initialised Phi3 / Gemma3 / Qwen2 models go through the hub and local loading paths."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from engine.inference import GenerationRequest, ModelManager
from engine.inference.backends.transformers import TransformersBackend
from engine.inference.config import GenParams, ModelConfig
from engine.inference.sources.embedded import SMOLLM2
from engine.paths import cache_home

pytestmark = pytest.mark.models

VOCAB = 49152  # SmolLM2's tokenizer is reused, so the tiny models share its vocabulary
SIZES = {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
         "num_key_value_heads": 2, "max_position_embeddings": 256, "vocab_size": VOCAB,
         "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 2}


class Verdict(BaseModel):
    kind: Literal["yes", "no", "maybe"]
    sure: bool


def tiny_config(arch: str):  # noqa: ANN201 - a transformers config object
    from transformers import Gemma3TextConfig, Phi3Config, Qwen2Config

    if arch == "phi3":
        return Phi3Config(**SIZES)
    if arch == "gemma3":
        return Gemma3TextConfig(**SIZES, head_dim=16, sliding_window=32)
    return Qwen2Config(**SIZES, tie_word_embeddings=True)


def save_tiny(arch: str, folder: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(tiny_config(arch))
    model.save_pretrained(folder)
    tokenizer_dir = cache_home() / SMOLLM2
    if not (tokenizer_dir / "tokenizer.json").exists():
        pytest.skip("run `tta models prepare` first (the tiny models borrow SmolLM2's tokenizer)")
    AutoTokenizer.from_pretrained(tokenizer_dir).save_pretrained(folder)


def exercise(backend: TransformersBackend) -> None:
    plain = backend.generate(GenerationRequest(prompt="Hello", params=GenParams(temperature=0.0, max_tokens=6)))
    assert plain.outcome == "ok" and plain.tokens == 6
    chat = backend.generate(
        GenerationRequest(messages=[{"role": "user", "content": "hi"}], params=GenParams(max_tokens=4), stream=True)
    )
    assert "".join(chat) == chat.text and chat.outcome == "ok"
    shaped = backend.generate_json(GenerationRequest(prompt="Verdict:", params=GenParams(max_tokens=8)), Verdict)
    assert shaped.outcome == "ok", shaped.error
    assert isinstance(shaped.parsed, Verdict)


@pytest.mark.parametrize("arch", ["phi3", "gemma3", "qwen2"])
def test_local_folder(arch: str, tmp_path: Path) -> None:
    folder = tmp_path / arch
    save_tiny(arch, folder)
    config = ModelConfig(model_id=str(folder), source="local", dtype="float32")
    backend = TransformersBackend.load(arch, config, tmp_path / "cache")
    assert backend.plan is not None and backend.plan.weights == "float32"
    exercise(backend)


@pytest.mark.parametrize("arch", ["phi3", "gemma3", "qwen2"])
def test_hub_cache_offline(arch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    repo = tmp_path / "hf" / "hub" / f"models--tiny--{arch}"
    save_tiny(arch, repo / "snapshots" / "0123abcd")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abcd")
    configs = {arch: ModelConfig(model_id=f"tiny/{arch}", source="hub")}
    manager = ModelManager(configs, budget_mb=1000, cache_dir=tmp_path / "cache")
    assert manager.is_available(arch) and manager.is_cached(arch)
    backend = manager.get(arch)
    assert isinstance(backend, TransformersBackend)
    assert backend.plan is not None and backend.plan.weights == "int8-weight"  # the CPU default
    exercise(backend)
    assert manager.loaded()[0].mb > 0


def test_4bit_bitsandbytes_loads_and_generates_on_cpu(tmp_path: Path) -> None:
    import bitsandbytes as bnb

    folder = tmp_path / "qwen2"
    save_tiny("qwen2", folder)
    config = ModelConfig(model_id=str(folder), source="local", quantization="4bit")
    backend = TransformersBackend.load("q4", config, tmp_path / "cache", device="cpu")
    assert backend.plan is not None and backend.plan.weights == "nf4"
    assert any(isinstance(m, bnb.nn.Linear4bit) for m in backend.model.modules())
    response = backend.generate(GenerationRequest(prompt="Hello", params=GenParams(temperature=0.0, max_tokens=4)))
    assert response.outcome == "ok" and response.tokens == 4
