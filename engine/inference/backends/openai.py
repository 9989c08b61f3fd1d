"""A model on an OpenAI-compatible server (vLLM, llama.cpp, Ollama, LM Studio) behind the Backend interface."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from engine.inference.backends.openai_choice import (
    channel_texts,
    choice_messages,
    mean_logprob,
    option_schema,
    rank_texts,
)
from engine.inference.backends.openai_client import make_client, redact
from engine.inference.backends.openai_dialects import Dialect, resolve
from engine.inference.backends.openai_health import Probe, ServerHealth
from engine.inference.backends.openai_stream import ChunkPump, StreamEnded
from engine.inference.base import (
    Backend,
    CapabilityError,
    ChoiceMethod,
    ChoiceRequest,
    GenerationRequest,
)
from engine.inference.config import ModelConfig
from engine.inference.constrained import bounded_schema, json_token_budget
from engine.inference.control import CallControl
from engine.inference.prompt_form import completion_text
from engine.inference.response import Choice, Response

if TYPE_CHECKING:
    from openai import OpenAI

NO_DEADLINE_S = 120.0
"""HTTP timeout for a call that has no deadline of its own (a hung server must not hold a thread forever)."""
GRACE_S = 5.0
"""Extra HTTP time past the call's deadline: the call itself stops at the deadline, the socket later."""


class ServedModelError(Exception):
    """The server failed the call (unreachable, 5xx, malformed or cut-off stream); never carries the key."""


class OpenAIBackend(Backend):
    """Every call streams over HTTP on a pump thread (see ChunkPump), so cancel and timeouts act at once.

    Servers of every dialect stream, constrain JSON and can pick among options, so all three flags hold.
    What differs is per dialect: choices are scored by echoed prompt logprobs where the server returns
    them (`ranks_by_logprobs`), else one option is picked by constrained generation, without scores.
    """

    can_stream = True
    supports_json = True
    supports_choice = True

    def __init__(self, name: str, config: ModelConfig, health: ServerHealth, probe: Probe) -> None:
        super().__init__(name, chat=config.chat_template)
        self.config = config
        self.dialect: Dialect = resolve(config.dialect, probe.owners)
        self._health = health
        self._client: OpenAI = make_client(config)
        self.ranks_by_logprobs = self.dialect.echo_logprobs
        """Whether choices are scored by prompt logprobs (else constrained generation picks one, unscored)."""

    @classmethod
    def connect(cls, name: str, config: ModelConfig, health: ServerHealth) -> OpenAIBackend:
        """A backend for a configured served model; fails at once when its server cannot serve it."""
        from engine.inference.backends.hf_loading import ModelUnavailableError

        probe = health.check(config)
        problem = probe.problem(config.served_name)
        if problem is not None:
            raise ModelUnavailableError(problem)
        return cls(name, config, health, probe)

    def generate_json(self, request: GenerationRequest, schema: type[BaseModel]) -> Response:
        """As Backend.generate_json; fails at once where the server cannot constrain this model's prompts."""
        if self.prompt_form(request) == "completion" and not self.dialect.completion_json:
            raise CapabilityError(f"model {self.name!r}: a {self.dialect.name} server constrains JSON only in chat "
                                  "(this model has no chat template)")
        return super().generate_json(request, schema)

    # -- Backend steps ------------------------------------------------------------------------
    def _generate(self, request: GenerationRequest, response: Response, control: CallControl) -> None:
        self._stream(request, response, control, {})

    def _generate_json(
        self, request: GenerationRequest, schema: type[BaseModel], response: Response, control: CallControl
    ) -> None:
        bounded = bounded_schema(schema)
        # Never stop mid-object: the limit grows to fit the longest JSON the schema allows.
        budget = max(request.params.max_tokens, json_token_budget(bounded))
        params = request.params.model_copy(update={"max_tokens": budget})
        fmt = self.dialect.response_format(bounded, schema.__name__)
        self._stream(request.model_copy(update={"params": params}), response, control, {"response_format": fmt})

    def _choose(
        self, request: GenerationRequest, options: list[str], method: ChoiceMethod, response: Response,
        control: CallControl,
    ) -> None:
        if method != "generate" and self.ranks_by_logprobs:
            scored = (channel_texts(request, options) if method == "channel" and isinstance(request, ChoiceRequest)
                      else rank_texts(request, options))
            scores: list[float] = []
            for item in scored:
                completion = self._once(request, control, self._echo_body(item.text))
                if completion is None:
                    return
                score, tokens = mean_logprob(completion.choices[0].logprobs, item)
                scores.append(score)
                response.add_tokens(tokens)
            best = max(range(len(options)), key=scores.__getitem__)
            response.choice = Choice(best, options[best], scores)
            response.emit(options[best])
            return
        self._generate_choice(request, options, response, control)

    def _generate_choice(
        self, request: GenerationRequest, options: list[str], response: Response, control: CallControl
    ) -> None:
        from engine.inference.backends.scripted import match_option

        asked = choice_messages(request, options)
        params = request.params.model_copy(update={"temperature": 0.0, "max_tokens": 64})
        fmt = self.dialect.response_format(option_schema(options), "choice")
        sink = Response(self.name, request.task)  # the JSON wrapper is not what the caller sees
        self._stream(asked.model_copy(update={"params": params}), sink, control, {"response_format": fmt})
        response.add_tokens(sink.tokens)
        if control.tripped is not None:
            return
        try:
            picked = str(json.loads(sink.text_so_far())["choice"])
        except (ValueError, KeyError, TypeError):
            picked = sink.text_so_far()
        index = match_option(picked, options)
        response.choice = Choice(index, options[index], [])
        response.emit(options[index])

    # -- HTTP -----------------------------------------------------------------------------------
    def _body(self, request: GenerationRequest, extra: dict[str, Any]) -> dict[str, Any]:
        params = request.params
        body: dict[str, Any] = {
            "model": self.config.served_name, "temperature": params.temperature, "top_p": params.top_p,
            "max_tokens": params.max_tokens,
        }
        if params.stop:
            body["stop"] = list(params.stop)
        extra_body = dict(self.config.extra_request)
        if self.dialect.penalty_field is not None:
            extra_body.setdefault(self.dialect.penalty_field, params.repetition_penalty)
        if extra_body:
            body["extra_body"] = extra_body
        return {**body, **extra}

    def _echo_body(self, text: str) -> dict[str, Any]:
        return {"model": self.config.served_name, "prompt": text, "max_tokens": 1, "temperature": 0.0,
                "echo": True, "logprobs": 1, "extra_body": dict(self.config.extra_request) or None}

    def _stream(self, request: GenerationRequest, response: Response, control: CallControl,
                extra: dict[str, Any]) -> None:
        chat = self.prompt_form(request) == "chat"
        body = self._body(request, extra)
        body["stream"] = True
        if self.dialect.stream_usage:
            body["stream_options"] = {"include_usage": True}
        if chat:
            body["messages"] = [message.model_dump() for message in request.messages or []]
            create: Any = self._client.chat.completions.create
        else:
            body["prompt"] = completion_text(request)
            create = self._client.completions.create
        body["timeout"] = self._http_timeout(control)
        pump = ChunkPump(lambda: create(**body), self.name)
        finished = False
        try:
            for chunk in pump.chunks(control):
                usage = getattr(chunk, "usage", None)
                if usage is not None and usage.completion_tokens and usage.completion_tokens > response.tokens:
                    response.add_tokens(usage.completion_tokens - response.tokens)
                for choice in chunk.choices:
                    piece = (choice.delta.content if chat else choice.text) or ""
                    if piece:
                        response.add_tokens(1)
                        response.emit(piece)
                    finished = finished or choice.finish_reason is not None
        except Exception as error:  # noqa: BLE001 - every failure becomes a ServedModelError, key redacted
            raise self._failure(error) from None
        if control.tripped is None and not finished:
            raise self._failure(StreamEnded("the stream ended before the server said it was done"))
        if control.tripped is None:
            self._health.mark_up(self.config)

    def _once(self, request: GenerationRequest, control: CallControl, body: dict[str, Any]) -> Any:
        """One non-streamed completion on the pump thread (None when the call stopped first)."""
        body = {**body, "timeout": self._http_timeout(control)}
        if body.get("extra_body") is None:
            body.pop("extra_body", None)
        pump = ChunkPump(lambda: _Once(self._client.completions.create(**body)), self.name)
        try:
            for result in pump.chunks(control):
                return result
        except Exception as error:  # noqa: BLE001 - as in _stream
            raise self._failure(error) from None
        return None

    def _http_timeout(self, control: CallControl) -> float:
        remaining = control.remaining()
        return NO_DEADLINE_S if remaining is None else remaining + GRACE_S

    def _failure(self, error: Exception) -> ServedModelError:
        from openai import APIStatusError

        reason = redact(f"{type(error).__name__}: {error}", self.config)
        if isinstance(error, APIStatusError):
            reason = redact(f"HTTP {error.status_code} from {self.config.base_url}: {error.message}", self.config)
        elif _lost_connection(error):
            # The server is gone or cut us off: the selector should move on at once, not after a probe.
            self._health.mark_down(self.config, reason)
        return ServedModelError(reason)

    def close(self) -> None:
        self._client.close()


def _lost_connection(error: Exception) -> bool:
    """A failure to reach or keep talking to the server (not an answer it gave). A stream that ends cleanly but
    early (llama-cpp-python's server cuts one off when another request arrives) is a failed call, not a down server.

    Matched by class name because the client's HTTP library (httpx, or httpx2 in openai 3.x) raises its own
    TransportError from inside a stream, unwrapped.
    """
    names = {cls.__name__ for cls in type(error).__mro__}
    return isinstance(error, OSError) or bool(names & {"TransportError", "APIConnectionError"})


class _Once:
    """A finished result in the shape ChunkPump reads: iterable once, nothing to close."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __iter__(self) -> Iterator[Any]:
        yield self._result

    def close(self) -> None:
        """Nothing to release."""
