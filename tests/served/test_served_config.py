"""Served-model settings and the dialect table, without a server: what validates, what is refused, what is sent."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from engine.inference.backends.openai_choice import Scored, mean_logprob
from engine.inference.backends.openai_dialects import DIALECTS, GENERIC, recognise, resolve
from engine.inference.config import ModelConfig
from engine.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def uncommented_served(text: str) -> str:
    """settings.yaml with its commented `served` profile and three served models switched on."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == "# phi-4-mini-served:")
    last = first
    while last + 1 < len(lines) and lines[last + 1].lstrip().startswith("#"):
        last += 1
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if first <= index <= last or stripped.startswith("# served: ["):
            lines[index] = line[: len(line) - len(stripped)] + stripped[2:]
    return "\n".join(lines) + "\n"


def test_the_commented_served_profile_validates_once_uncommented(tmp_path: Path) -> None:
    edited = tmp_path / "settings.yaml"
    edited.write_text(uncommented_served((ROOT / "settings.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    settings = load_settings(edited, profile="served")
    tiers = settings.profile_tiers()
    assert tiers[0] == ["phi-4-mini-served", "gemma-3-1b-served", "qwen2.5-0.5b-served"]
    for name in tiers[0]:
        config = settings.models[name]
        assert config.backend == "openai" and config.dialect == "vllm" and config.memory_requirement == 0
        assert config.api_key_env == "TTA_VLLM_KEY"


def test_the_local_server_profile_ships_ready() -> None:
    settings = load_settings(ROOT / "settings.yaml", profile="local-server")
    assert settings.profile_tiers()[0] == ["local"]
    assert settings.models["local"].base_url == "http://127.0.0.1:8080/v1"


def served(**fields: object) -> ModelConfig:
    return ModelConfig.model_validate({"model_id": "m", "backend": "openai", **fields})


def test_served_fields_are_checked() -> None:
    assert served(base_url="http://h:1/v1").served_name == "m"
    assert served(base_url="http://h:1/v1", served_model="x").served_name == "x"
    assert served(base_url="http://h:1/v1").memory_requirement == 0
    with pytest.raises(ValidationError, match="needs base_url"):
        served()
    with pytest.raises(ValidationError, match="only for backend: openai"):
        ModelConfig.model_validate({"model_id": "m", "base_url": "http://h:1/v1"})
    with pytest.raises(ValidationError) as refused:
        served(base_url="http://h:1/v1", api_key_env="sk-live-1234567890")
    message = refused.value.errors()[0]["msg"]
    assert "not the key itself" in message and "sk-live" not in message


def test_dialects_are_recognised_from_what_the_server_reports() -> None:
    assert recognise(["vllm"]).name == "vllm"
    assert recognise(["me"]).name == "llama_cpp"
    assert recognise(["llamacpp"]).name == "llama_server"
    assert recognise(["library"]).name == "ollama"
    assert recognise(["organization_owner"]).name == "lmstudio"
    assert recognise(["someone"]) is GENERIC
    assert resolve("vllm", ["me"]).name == "vllm"  # configured wins over the probe


def test_json_formats_per_dialect() -> None:
    schema = {"type": "object"}
    assert DIALECTS["llama_cpp"].response_format(schema, "S") == {"type": "json_object", "schema": schema}
    assert DIALECTS["vllm"].response_format(schema, "S") == {
        "type": "json_schema", "json_schema": {"name": "S", "schema": schema, "strict": True}}
    assert [d.name for d in DIALECTS.values() if d.tested_here] == ["llama_cpp"]


def test_echoed_logprobs_are_averaged_over_the_scored_span() -> None:
    # "Go| north|\n" after an 8-character prompt; the token " Go" straddles the start and counts.
    logprobs = SimpleNamespace(text_offset=[0, 4, 8, 11, 17, 18], token_logprobs=[None, -1.0, -0.5, -2.0, -1.0, -9.0],
                               tokens=["The ", "end:", " Go", " north", "\n", "x"])
    assert mean_logprob(logprobs, Scored("The end: Go north\nx", 9, 18)) == (-3.5 / 3, 3)
    with pytest.raises(ValueError, match="no logprobs"):
        mean_logprob(SimpleNamespace(text_offset=[], token_logprobs=[], tokens=[]), Scored("", 0, 1))
