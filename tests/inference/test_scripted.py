"""ScriptedBackend and the shared Backend machinery: streaming, timings, outcomes, capability checks."""

from __future__ import annotations

import threading
import time

import pytest
from pydantic import BaseModel, Field, ValidationError

from engine.inference import (
    CapabilityError,
    GenerationRequest,
    Hang,
    Message,
    ScriptedBackend,
)
from engine.inference.config import GenParams
from engine.tasks import TaskType


class Mood(BaseModel):
    mood: int = Field(ge=1, le=5)
    note: str


def ask(stream: bool = False, **extra: object) -> GenerationRequest:
    return GenerationRequest(messages=[Message(role="user", content="hi")], stream=stream, **extra)


def test_streams_chunks_in_order_and_records_timing() -> None:
    backend = ScriptedBackend("s", ["The lantern glows softly."], chunk_delay_s=0.01)
    response = backend.generate(ask(stream=True, task=TaskType.NARRATIVE_GENERATION))
    chunks = list(response)
    assert len(chunks) == 4
    assert "".join(chunks) == "The lantern glows softly."
    assert response.text == "The lantern glows softly."
    assert response.outcome == "ok" and response.tokens == 4
    assert response.ttft_s is not None and 0 < response.ttft_s < response.total_s
    assert response.tokens_per_s > 0
    assert response.model == "s" and response.task is TaskType.NARRATIVE_GENERATION


def test_stream_returns_before_the_text_is_done() -> None:
    backend = ScriptedBackend("s", ["one two three four five"], chunk_delay_s=0.05)
    response = backend.generate(ask(stream=True))
    assert not response.done
    assert next(iter(response)) == "one "
    assert response.wait().done


def test_exception_item_becomes_error_outcome() -> None:
    backend = ScriptedBackend("s", [RuntimeError("model crashed")])
    response = backend.generate(ask())
    assert response.outcome == "error"
    assert response.error == "RuntimeError: model crashed"


def test_exhausted_script_is_an_error_not_a_hang() -> None:
    response = ScriptedBackend("s").generate(ask())
    assert response.outcome == "error" and "no output queued" in (response.error or "")


def test_hang_hits_the_timeout() -> None:
    backend = ScriptedBackend("s", [Hang(5.0)])
    started = time.perf_counter()
    response = backend.generate(ask(timeout_s=0.1))
    assert response.outcome == "timeout"
    assert time.perf_counter() - started < 2.0


def test_stop_event_cancels_a_stream() -> None:
    stop = threading.Event()
    backend = ScriptedBackend("s", [" ".join(["word"] * 200)], chunk_delay_s=0.01)
    response = backend.generate(ask(stream=True, stop=stop))
    for index, _chunk in enumerate(response):
        if index == 2:
            stop.set()
    assert response.outcome == "cancelled"
    assert 3 <= response.tokens < 200


def test_max_tokens_limits_scripted_output() -> None:
    backend = ScriptedBackend("s", ["a b c d e f"])
    response = backend.generate(ask(params=GenParams(max_tokens=2)))
    assert response.text == "a b "


def test_json_is_parsed_or_marked_invalid() -> None:
    backend = ScriptedBackend("s", ['{"mood": 4, "note": "calmer"}', '{"mood": 9, "note": "x"}', "not json"])
    good = backend.generate_json(ask(), Mood)
    assert good.outcome == "ok" and good.parsed == Mood(mood=4, note="calmer")
    out_of_range = backend.generate_json(ask(), Mood)
    assert out_of_range.outcome == "invalid" and out_of_range.parsed is None
    assert backend.generate_json(ask(), Mood).outcome == "invalid"


def test_choose_matches_text_or_index() -> None:
    options = ["go north", "take key", "look"]
    backend = ScriptedBackend("s", ["Take  Key", "2", "dance"])
    first = backend.choose(ask(), options)
    assert first.choice is not None and (first.choice.index, first.choice.option) == (1, "take key")
    assert len(first.choice.scores) == 3 and first.choice.scores[1] == max(first.choice.scores)
    second = backend.choose(ask(), options)
    assert second.choice is not None and second.choice.option == "look"
    third = backend.choose(ask(), options)
    assert third.outcome == "invalid" and third.choice is None


def test_choose_rejects_empty_or_duplicate_options() -> None:
    backend = ScriptedBackend("s", ["x"])
    with pytest.raises(ValueError):
        backend.choose(ask(), [])
    with pytest.raises(ValueError):
        backend.choose(ask(), ["a", "a"])


def test_capabilities_are_checked_before_the_call() -> None:
    class NoStream(ScriptedBackend):
        can_stream = False
        supports_json = False

    backend = NoStream("plain", ["unused"])
    with pytest.raises(CapabilityError, match="cannot stream"):
        backend.generate(ask(stream=True))
    with pytest.raises(CapabilityError, match="JSON"):
        backend.generate_json(ask(), Mood)
    assert backend.pending == 1  # nothing was consumed


def test_request_needs_some_input() -> None:
    with pytest.raises(ValidationError):
        GenerationRequest()
    assert GenerationRequest(prompt="p", messages=[Message(role="user", content="m")]).prompt == "p"


def test_one_thread_at_a_time() -> None:
    backend = ScriptedBackend("s", ["a b c d e", "f g h i j"], chunk_delay_s=0.02)
    first = backend.generate(ask(stream=True))
    second = backend.generate(ask(stream=True))
    first.wait()
    second.wait()
    # The second call waited for the lock, so its first token came after the first call finished.
    assert second.ttft_s is not None and second.ttft_s >= first.total_s - 0.01
    assert first.text == "a b c d e" and second.text == "f g h i j"
