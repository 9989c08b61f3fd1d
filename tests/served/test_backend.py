"""OpenAIBackend against a real llama.cpp server: streaming, cancel, timeout, a dying server, JSON, choices, keys."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from engine.core.game import Game
from engine.inference.backends.openai import OpenAIBackend
from engine.inference.backends.openai_health import ServerHealth
from engine.inference.config import GenParams, ModelConfig
from engine.inference.request import ChoiceRequest, GenerationRequest, Message
from engine.inference.response import Response
from engine.story import load_story
from engine.story.loader import bundled_stories_root
from engine.turn.step_prompts import state_update_prompt
from tests.served.conftest import NO_EOS, Server, served_config

pytestmark = pytest.mark.served

STORY_ASK = [Message(role="user", content="Tell me a short story about a lighthouse keeper and a storm.")]


def connect(config: ModelConfig, health: ServerHealth | None = None) -> OpenAIBackend:
    return OpenAIBackend.connect("served", config, health or ServerHealth())


def long_request(max_tokens: int = 1500, **fields: object) -> GenerationRequest:
    return GenerationRequest(messages=STORY_ASK, params=GenParams(temperature=0.8, max_tokens=max_tokens),
                             stream=True, task="narrative_generation", **fields)  # type: ignore[arg-type]


def test_the_probe_recognises_llama_cpp_and_flags_are_honest(server: Server) -> None:
    backend = connect(served_config(server.base_url))
    assert backend.dialect.name == "llama_cpp" and backend.ranks_by_logprobs
    assert backend.can_stream and backend.supports_json and backend.supports_choice and backend.supports_chat


def test_streamed_narration_arrives_in_several_chunks(server: Server) -> None:
    backend = connect(served_config(server.base_url))
    request = GenerationRequest(messages=STORY_ASK, params=GenParams(temperature=0.3, max_tokens=40), stream=True)
    response = backend.generate(request)
    arrivals: list[float] = []
    for _chunk in response:
        arrivals.append(time.perf_counter())
    response.wait()
    assert response.ok, response.error
    assert len(arrivals) >= 5 and response.tokens >= 5
    assert arrivals[-1] - arrivals[0] > 0.01  # spread out in time, not one block at the end
    assert response.ttft_s is not None and response.ttft_s < response.total_s


def test_cancel_closes_the_stream_and_the_server_stops_generating(server: Server) -> None:
    backend = connect(served_config(server.base_url, extra_request=NO_EOS))
    stop = threading.Event()
    response = backend.generate(long_request(stop=stop))
    for count, _chunk in enumerate(response, start=1):
        if count == 3:
            stop.set()
            cancelled_at = time.perf_counter()
    response.wait()
    assert response.outcome == "cancelled"
    assert time.perf_counter() - cancelled_at < 1.0
    # The server serves one request at a time: had it gone on with 1500 tokens, this would wait for them.
    short = backend.generate(GenerationRequest(messages=STORY_ASK, params=GenParams(max_tokens=4))).wait()
    assert short.ok, short.error
    assert short.total_s < 8.0, "the server kept generating after the stream was closed"


def test_timeout_fires_on_a_paused_server(own_server: Callable[..., Server]) -> None:
    running = own_server()
    backend = connect(served_config(running.base_url))
    running.pause()
    try:
        started = time.perf_counter()
        response = backend.generate(long_request(max_tokens=20, timeout_s=1.0)).wait(10)
        elapsed = time.perf_counter() - started
    finally:
        running.resume()
    assert response.outcome == "timeout"
    assert 0.9 <= elapsed < 2.5


def test_a_server_killed_mid_stream_fails_the_call_and_keeps_the_text(own_server: Callable[..., Server]) -> None:
    running = own_server()
    health = ServerHealth()
    config = served_config(running.base_url, extra_request=NO_EOS)
    backend = connect(config, health)
    response = backend.generate(long_request())
    for count, _chunk in enumerate(response, start=1):
        if count == 3:
            running.kill()
    response.wait()
    assert response.outcome == "error", response.outcome
    assert len(response.text_so_far()) > 0 and response.tokens >= 3
    problem = health.check(config).problem(config.served_name)
    assert problem is not None and problem.startswith(f"server unreachable at {running.base_url}")


def test_json_proposals_validate_twenty_of_twenty(server: Server) -> None:
    story = load_story(bundled_stories_root() / "lantern_house")
    game = Game.new(story, seed=1)
    schema = game.model_update_schema()
    assert schema.model_fields
    backend = connect(served_config(server.base_url))
    facts = game.facts()
    current = {name: game.state.vars.get(name) for name in schema.model_fields if name in game.state.vars}
    valid = 0
    for turn in range(20):
        prompt = state_update_prompt(facts, f"Turn {turn}: you breathe slowly and feel calmer.",
                                     list(schema.model_fields), current)
        request = GenerationRequest(messages=[Message(role="user", content=prompt)], prompt=prompt,
                                    params=GenParams(temperature=0.7, max_tokens=128), task="structured_output")
        response = backend.generate_json(request, schema)
        valid += response.ok and isinstance(response.parsed, schema)
    print(f"\n[served json] {valid}/20 valid")
    assert valid == 20


@pytest.mark.parametrize("method", ["rank", "channel", "generate"])
def test_choices_are_legal_and_logprob_ranked_ones_are_scored(server: Server, method: str) -> None:
    backend = connect(served_config(server.base_url))
    options = ["go north", "take brass key", "open door", "look around"]
    request = ChoiceRequest(prompt="A kitchen. A brass key lies on the table.\nThe player wants to:",
                            params=GenParams(temperature=0.0, max_tokens=16), scene="A kitchen with a brass key.",
                            player_input="grab the key", task="tool_selection")
    response = backend.choose(request, options, method).wait()  # type: ignore[arg-type]
    assert response.ok, response.error
    choice = response.choice
    assert choice is not None and choice.option in options and options[choice.index] == choice.option
    if method == "generate":
        assert choice.scores == []
    else:
        assert len(choice.scores) == 4 and all(score < 0 for score in choice.scores)
        assert choice.scores[choice.index] == max(choice.scores)


def test_an_api_key_is_read_from_its_variable_and_never_shown(own_server: Callable[..., Server],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sk-test-4d1f9a0c7e"
    running = own_server("--api_key", secret)
    config = served_config(running.base_url, api_key_env="TTA_TEST_SERVER_KEY")
    monkeypatch.setenv("TTA_TEST_SERVER_KEY", secret)
    ok = connect(config).generate(GenerationRequest(messages=STORY_ASK, params=GenParams(max_tokens=4))).wait()
    assert ok.ok, ok.error
    monkeypatch.setenv("TTA_TEST_SERVER_KEY", secret + "-wrong")
    health = ServerHealth()
    problem = health.check(config).problem(config.served_name)
    assert problem is not None and problem.startswith(f"server at {running.base_url} refused: HTTP 401")
    assert secret not in problem
    monkeypatch.delenv("TTA_TEST_SERVER_KEY")
    missing = health.check(config, fresh=True).problem(config.served_name)
    assert missing == (f"server unreachable at {running.base_url} "
                       "(environment variable TTA_TEST_SERVER_KEY (api_key_env) is not set)")


def test_health_is_cached_and_a_server_marked_down_is_found_again(server: Server) -> None:
    health = ServerHealth(up_ttl_s=60.0, down_ttl_s=0.2)
    config = served_config(server.base_url)
    first = health.check(config)
    assert first.reachable and first.latency_s is not None and first.models == ("smollm2",)
    assert health.check(config) is first  # cached: no second round trip
    health.mark_down(config, "APIConnectionError: Connection error.")
    assert not health.check(config).reachable  # said at once, before any probe
    time.sleep(0.3)
    health.check(config)  # stale: answers at once and probes in the background
    deadline = time.monotonic() + 5
    while not health.check(config).reachable and time.monotonic() < deadline:
        time.sleep(0.05)
    assert health.check(config).reachable


def test_a_stream_cut_short_counts_as_a_failure(own_server: Callable[..., Server]) -> None:
    # llama-cpp-python's server, by default, ends a streaming reply with [DONE] and no finish reason as soon
    # as another request arrives: a stream that stops without saying it is done is a failed call.
    running = own_server()
    backend = connect(served_config(running.base_url, extra_request=NO_EOS))
    first = backend.generate(long_request())
    second: Response | None = None
    for count, _chunk in enumerate(first, start=1):
        if count == 3:
            second = backend.generate(long_request(max_tokens=4))
    first.wait()
    assert first.outcome == "error" and "ended before the server said it was done" in (first.error or "")
    assert first.text_so_far()
    assert second is not None and second.wait().ok
