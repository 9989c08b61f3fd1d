"""Real generation on the embedded SmolLM2: streaming, cancel, timeout, constrained JSON, choices."""

from __future__ import annotations

import threading
import time
from typing import Literal

import pytest
import torch
from pydantic import BaseModel, Field

from engine.inference import GenerationRequest, Message, choice_request
from engine.inference.backends.transformers import TransformersBackend
from engine.inference.choice_set import CHOICE_SET
from engine.inference.config import GenParams
from engine.inference.ranking import rank_options

pytestmark = pytest.mark.models

STORY = [Message(role="user", content="Tell a long, gentle story about a lighthouse keeper and the sea.")]


class MoodNote(BaseModel):
    mood: Literal["calm", "anxious", "sad", "hopeful"]
    intensity: int = Field(ge=1, le=5)
    note: str = Field(max_length=40)


def test_streaming_yields_text_incrementally(smollm2: TransformersBackend) -> None:
    request = GenerationRequest(messages=STORY, params=GenParams(temperature=0.0, max_tokens=40), stream=True)
    assert smollm2.supports_chat and smollm2.prompt_form(request) == "chat"  # an instruct model with a template
    response = smollm2.generate(request)
    seen_done: list[bool] = []
    chunks: list[str] = []
    for chunk in response:
        seen_done.append(response.done)
        chunks.append(chunk)
    assert len(chunks) >= 5
    assert seen_done[0] is False  # the first text arrived while generation was still running
    assert response.outcome == "ok" and response.text == "".join(chunks)
    assert response.tokens >= 30
    assert response.ttft_s is not None and response.ttft_s < response.total_s
    assert response.tokens_per_s > 0


def test_cancel_stops_generation(smollm2: TransformersBackend) -> None:
    stop = threading.Event()
    request = GenerationRequest(messages=STORY, params=GenParams(max_tokens=300), stream=True, stop=stop)
    response = smollm2.generate(request)
    for _chunk in response:
        stop.set()
    assert response.outcome == "cancelled"
    assert response.tokens < 20


def test_timeout_fires(smollm2: TransformersBackend) -> None:
    request = GenerationRequest(messages=STORY, params=GenParams(max_tokens=400), timeout_s=0.5)
    started = time.perf_counter()
    response = smollm2.generate(request)
    assert response.outcome == "timeout"
    assert time.perf_counter() - started < 5.0
    assert 0 < response.tokens < 400


def test_constrained_json_is_always_valid(smollm2: TransformersBackend) -> None:
    request = GenerationRequest(
        messages=[Message(role="user", content="The player says they feel a bit better. Describe their mood as JSON.")],
        params=GenParams(temperature=0.8, max_tokens=40),
    )
    responses = [smollm2.generate_json(request, MoodNote) for _ in range(20)]
    assert [r.outcome for r in responses] == ["ok"] * 20, [r.error for r in responses if not r.ok]
    assert all(isinstance(r.parsed, MoodNote) for r in responses)
    assert len({r.text for r in responses}) > 1  # sampled, not one canned answer


def test_batched_option_ranking_matches_one_by_one_scoring(smollm2: TransformersBackend) -> None:
    item = CHOICE_SET[0]
    request = choice_request(item.scene, list(item.options), item.phrase)
    prompt_ids = smollm2._encode(request)
    options = [smollm2.tokenizer(o + "<|im_end|>", add_special_tokens=False).input_ids for o in item.options]
    batched = rank_options(smollm2.model, prompt_ids, options, smollm2._pad_id)
    with torch.inference_mode():
        for score, ids in zip(batched, options, strict=True):
            full = torch.cat([prompt_ids[0], torch.tensor(ids)])[None]
            log_probs = torch.log_softmax(smollm2.model(full).logits.float(), -1)[0]
            start = prompt_ids.shape[1]
            single = sum(log_probs[start - 1 + j, t].item() for j, t in enumerate(ids)) / len(ids)
            assert score == pytest.approx(single, abs=0.15)  # bf16 activations: batched sums differ slightly


def test_choosing_legal_actions_beats_chance(smollm2: TransformersBackend) -> None:
    right = 0
    for item in CHOICE_SET:
        response = smollm2.choose(choice_request(item.scene, list(item.options), item.phrase), list(item.options))
        assert response.outcome == "ok" and response.choice is not None
        assert len(response.choice.scores) == len(item.options)
        right += response.choice.index == item.answer
    assert right >= len(CHOICE_SET) // 2  # chance is a quarter; measured 12/16


def test_choice_by_constrained_generation_returns_an_option(smollm2: TransformersBackend) -> None:
    item = CHOICE_SET[0]
    request = choice_request(item.scene, list(item.options), item.phrase)
    response = smollm2.choose(request, list(item.options), method="generate")
    assert response.outcome == "ok" and response.choice is not None
    assert response.choice.option in item.options and response.text == response.choice.option
