"""The llama.cpp backend on the real embedded GGUFs: streaming, cancel, timeout, JSON, choices, stops, close."""

from __future__ import annotations

import threading
import time
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from engine.inference import GenerationRequest, Message, choice_request
from engine.inference.backends.llama_cpp import LlamaCppBackend
from engine.inference.choice_set import CHOICE_SET
from engine.inference.config import GenParams

pytestmark = pytest.mark.models

STORY = [Message(role="user", content="Tell a long, gentle story about a lighthouse keeper and the sea.")]
STORY_PROMPT = "Here is a long, gentle story about a lighthouse keeper and the sea.\n\nOnce upon a time,"
MODELS = ["llama_smollm2", "llama_gemma3"]


class MoodNote(BaseModel):
    mood: Literal["calm", "anxious", "sad", "hopeful"]
    intensity: int = Field(ge=1, le=5)
    note: str = Field(max_length=40)


@pytest.fixture(params=MODELS)
def backend(request: pytest.FixtureRequest) -> LlamaCppBackend:
    model: LlamaCppBackend = request.getfixturevalue(request.param)
    return model


def story(params: GenParams, **extra: object) -> GenerationRequest:
    return GenerationRequest(messages=STORY, prompt=STORY_PROMPT, params=params, **extra)  # type: ignore[arg-type]


def test_chat_or_completion_comes_from_the_gguf(llama_smollm2: LlamaCppBackend, llama_gemma3: LlamaCppBackend) -> None:
    assert llama_smollm2.supports_chat and llama_smollm2.prompt_form(story(GenParams())) == "chat"
    assert "<|im_start|>assistant" in llama_smollm2.format.render(story(GenParams())).text
    # Gemma-3-270M is a base model: its GGUF has no chat template, so it gets the completion prompt.
    assert not llama_gemma3.supports_chat and llama_gemma3.prompt_form(story(GenParams())) == "completion"
    assert llama_gemma3.format.render(story(GenParams())).text == STORY_PROMPT


def test_streaming_arrives_token_by_token(backend: LlamaCppBackend) -> None:
    response = backend.generate(story(GenParams(temperature=0.0, max_tokens=40), stream=True))
    seen: list[tuple[bool, int]] = []
    chunks: list[str] = []
    for chunk in response:
        seen.append((response.done, response.tokens))
        chunks.append(chunk)
    assert response.outcome == "ok", response.error
    assert len(chunks) >= 10 and response.text == "".join(chunks)
    assert seen[0][0] is False  # the first text came while generation went on
    assert len({tokens for _done, tokens in seen}) >= 10  # chunk after chunk as tokens arrived
    assert response.tokens >= 20 and response.ttft_s is not None and response.ttft_s < response.total_s
    assert response.tokens_per_s > 0


def test_cancel_stops_within_one_token(backend: LlamaCppBackend) -> None:
    stop = threading.Event()
    response = backend.generate(story(GenParams(max_tokens=300), stream=True, stop=stop))
    at_cancel = -1
    for _chunk in response:
        if at_cancel < 0 and response.tokens >= 3:
            at_cancel = response.tokens
            stop.set()
    assert response.outcome == "cancelled"
    assert at_cancel > 0 and response.tokens <= at_cancel + 1


def test_timeout_fires(backend: LlamaCppBackend) -> None:
    request = story(GenParams(max_tokens=2000), timeout_s=0.4)
    started = time.perf_counter()
    response = backend.generate(request)
    assert response.outcome == "timeout"
    assert time.perf_counter() - started < 2.0  # one token past the deadline, on a busy machine
    assert response.tokens < 2000


def test_json_is_valid_twenty_times_in_twenty(backend: LlamaCppBackend) -> None:
    request = GenerationRequest(
        messages=[Message(role="user", content="The player says they feel a bit better. Their mood as JSON:")],
        prompt="The player says they feel a bit better.\nTheir mood as JSON:",
        params=GenParams(temperature=0.8, max_tokens=48),
    )
    responses = [backend.generate_json(request, MoodNote) for _ in range(20)]
    assert [r.outcome for r in responses] == ["ok"] * 20, [r.error for r in responses if not r.ok]
    assert all(isinstance(r.parsed, MoodNote) for r in responses)
    assert len({r.text for r in responses}) > 1  # sampled, not one canned answer


@pytest.mark.parametrize("method", ["rank", "channel", "generate"])
def test_choice_returns_a_legal_option(backend: LlamaCppBackend, method: str) -> None:
    item = CHOICE_SET[0]
    response = backend.choose(choice_request(item.scene, list(item.options), item.phrase), list(item.options),
                              method=method)  # type: ignore[arg-type]
    assert response.outcome == "ok", response.error
    assert response.choice is not None and response.choice.option in item.options
    assert response.text == response.choice.option
    if method != "generate":
        assert len(response.choice.scores) == len(item.options) and all(s < 0 for s in response.choice.scores)


def test_ranking_beats_chance_on_smollm2(llama_smollm2: LlamaCppBackend) -> None:
    right = sum(
        llama_smollm2.choose(choice_request(i.scene, list(i.options), i.phrase), list(i.options)).choice.index  # type: ignore[union-attr]
        == i.answer
        for i in CHOICE_SET
    )
    assert right >= len(CHOICE_SET) // 2, right  # chance is a quarter


def test_cached_prefix_scores_like_a_fresh_context(llama_smollm2: LlamaCppBackend) -> None:
    item = CHOICE_SET[2]
    request = choice_request(item.scene, list(item.options), item.phrase)
    warm = llama_smollm2.choose(request, list(item.options), method="rank").choice
    llama_smollm2.session.prefill([0, 1, 2], lambda: False)  # the cache now holds something unrelated
    cold = llama_smollm2.choose(request, list(item.options), method="rank").choice
    assert warm is not None and cold is not None
    assert cold.scores == pytest.approx(warm.scores, abs=1e-3)


def test_stop_strings_end_the_reply_and_are_not_shown(llama_gemma3: LlamaCppBackend) -> None:
    request = GenerationRequest(prompt="Counting: 1, 2, 3, 4,", params=GenParams(temperature=0.0, max_tokens=30))
    free = llama_gemma3.generate(request).text
    assert " 7" in free  # the model counts on past 7 without the stop string
    stopped = llama_gemma3.generate(request.model_copy(update={"params": GenParams(
        temperature=0.0, max_tokens=30, stop=[" 7"])}))
    assert stopped.outcome == "ok" and stopped.text == free[: free.index(" 7")]


def test_a_heavy_repetition_penalty_never_spells_out_the_end_token(llama_smollm2: LlamaCppBackend) -> None:
    params = GenParams(temperature=0.7, max_tokens=120, repetition_penalty=1.5)
    for _ in range(5):
        response = llama_smollm2.generate(GenerationRequest(messages=STORY[:1], params=params))
        assert response.outcome == "ok"
        assert "<|im_end|>" not in response.text and "<|im_start|>" not in response.text


def test_memory_counts_weights_and_the_kv_cache(backend: LlamaCppBackend) -> None:
    session = backend.session
    assert backend.memory_mb() >= (session.weights_bytes() + session.kv_bytes()) / 2**20
    assert backend.memory_mb() < 600


def test_close_stops_a_running_call_and_frees_the_model() -> None:
    from engine.inference.config import ModelConfig
    from engine.paths import cache_home

    backend = LlamaCppBackend.load("closing", ModelConfig(model_id="smollm2-135m-instruct", source="embedded"),
                                   cache_home())
    response = backend.generate(story(GenParams(max_tokens=2000), stream=True))
    next(iter(response))
    started = time.perf_counter()
    backend.close()
    assert time.perf_counter() - started < 2.0
    assert response.wait(2.0).outcome == "error" and "unloaded" in (response.error or "")
    after = backend.generate(story(GenParams(max_tokens=5)))
    assert after.outcome == "error" and "unloaded" in (after.error or "")
