"""Real constrained generation on the embedded Gemma-3-270M base model (plain completion prompts)."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel, Field

from engine.inference import GenerationRequest, Message
from engine.inference.backends.transformers import TransformersBackend
from engine.inference.config import GenParams

pytestmark = pytest.mark.models


class TrustUpdate(BaseModel):
    trust_change: Literal[-1, 0, 1]
    memory: str = Field(max_length=40)


def test_constrained_json_is_always_valid(gemma3: TransformersBackend) -> None:
    request = GenerationRequest(
        prompt="Mara smiled when the player returned her book.\nState update as JSON:",
        params=GenParams(temperature=0.8, max_tokens=40),
    )
    responses = [gemma3.generate_json(request, TrustUpdate) for _ in range(20)]
    assert [r.outcome for r in responses] == ["ok"] * 20, [r.error for r in responses if not r.ok]
    assert all(isinstance(r.parsed, TrustUpdate) for r in responses)


def test_messages_are_flattened_for_a_base_model(gemma3: TransformersBackend) -> None:
    request = GenerationRequest(
        messages=[Message(role="user", content="The garden at dawn is")],
        params=GenParams(temperature=0.0, max_tokens=8),
    )
    # The base model says it has no chat template, so the one decision gives it a completion prompt.
    assert not gemma3.supports_chat and gemma3.prompt_form(request) == "completion"
    response = gemma3.generate(request)
    assert response.outcome == "ok" and response.tokens > 0
    assert "<start_of_turn>" not in response.text
