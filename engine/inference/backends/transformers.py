"""A transformers model behind the Backend interface; torch and transformers are imported only when used."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from engine.inference.backends.hf_loading import LoadPlan, load_pretrained, model_files, model_memory_mb, plan_load
from engine.inference.base import Backend, ChoiceMethod, ChoiceRequest, GenerationRequest
from engine.inference.config import ModelConfig
from engine.inference.constrained import GrammarCache
from engine.inference.control import CallControl
from engine.inference.response import Choice, Response
from engine.inference.sources.convert import Report

if TYPE_CHECKING:
    from transformers import LogitsProcessor


class TransformersBackend(Backend):
    """Streams with a TextStreamer from generate() on the calling (or a worker) thread; one thread at a time."""

    can_stream = True
    supports_json = True
    supports_choice = True

    def __init__(
        self, name: str, model: Any, tokenizer: Any, *, chat_template: bool, plan: LoadPlan | None = None
    ) -> None:
        # Chat only when the config allows it and the tokenizer really has a template (base models have none).
        super().__init__(name, chat=chat_template and bool(getattr(tokenizer, "chat_template", None)))
        self.model = model
        self.tokenizer = tokenizer
        self.plan = plan
        self._lock = threading.Lock()
        self._eos_ids = _eos_ids(model, tokenizer)
        self._pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else self._eos_ids[0]
        self._grammars = GrammarCache(tokenizer, _vocab_size(model, tokenizer), self._eos_ids)

    @classmethod
    def load(
        cls,
        name: str,
        config: ModelConfig,
        cache_dir: Path,
        device: str | None = None,
        report: Report = lambda _m: None,
    ) -> TransformersBackend:
        """Load a configured model (embedded ones are converted into `cache_dir` the first time)."""
        model_path, tokenizer_path = model_files(config, cache_dir, report)
        plan = plan_load(config, model_path, tokenizer_path, device)
        model, tokenizer = load_pretrained(plan)
        return cls(name, model, tokenizer, chat_template=config.chat_template, plan=plan)

    # -- Backend steps ------------------------------------------------------------------------
    def _generate(self, request: GenerationRequest, response: Response, control: CallControl) -> None:
        self._run_generate(request, response, control, processors=[])

    def _generate_json(
        self,
        request: GenerationRequest,
        schema: type[BaseModel],
        response: Response,
        control: CallControl,
    ) -> None:
        if not control.acquire(self._lock):
            return
        try:
            processor, budget = self._grammars.json_processor(schema)
            # Never stop mid-object: the limit grows to fit the longest JSON the schema allows.
            if request.params.max_tokens < budget:
                params = request.params.model_copy(update={"max_tokens": budget})
                request = request.model_copy(update={"params": params})
            self._run_generate(request, response, control, processors=[processor], locked=True)
        finally:
            self._lock.release()

    def _choose(
        self,
        request: GenerationRequest,
        options: list[str],
        method: ChoiceMethod,
        response: Response,
        control: CallControl,
    ) -> None:
        if not control.acquire(self._lock):
            return
        try:
            if method == "rank":
                self._rank(request, options, response)
            elif method == "channel" and isinstance(request, ChoiceRequest):
                self._channel(request, options, response)
            else:
                self._generate_choice(request, options, response, control)
        finally:
            self._lock.release()

    # -- the work -----------------------------------------------------------------------------
    def _run_generate(
        self,
        request: GenerationRequest,
        response: Response,
        control: CallControl,
        processors: list[LogitsProcessor],
        locked: bool = False,
    ) -> None:
        from transformers import LogitsProcessorList, StoppingCriteriaList

        from engine.inference.backends.hf_runtime import (
            ControlCriteria,
            ResponseStreamer,
            repetition_processors,
            sampling_kwargs,
            special_ids,
        )

        if not locked and not control.acquire(self._lock):
            return
        try:
            input_ids = self._encode(request)
            if control.check() is not None:
                return
            self.model.generate(
                input_ids=input_ids,
                attention_mask=input_ids.new_ones(input_ids.shape),
                streamer=ResponseStreamer(self.tokenizer, response),
                stopping_criteria=StoppingCriteriaList([ControlCriteria(control)]),
                # The penalty runs before any grammar, so a constrained token stays constrained.
                logits_processor=LogitsProcessorList([
                    *repetition_processors(request.params, int(input_ids.shape[1]),
                                           special_ids(self.tokenizer, self._eos_ids)),
                    *processors,
                ]),
                **sampling_kwargs(request.params, self._eos_ids, self._pad_id, self.tokenizer),
            )
        finally:
            if not locked:
                self._lock.release()

    def _encode(self, request: GenerationRequest) -> Any:
        from engine.inference.backends.hf_runtime import encode_prompt, render_prompt

        form = self.prompt_form(request)
        text = render_prompt(self.tokenizer, request, form)
        return encode_prompt(self.tokenizer, text, form == "chat", self.model.device)

    def _rank(self, request: GenerationRequest, options: list[str], response: Response) -> None:
        from engine.inference.backends.hf_runtime import render_prompt
        from engine.inference.ranking import option_token_ids, rank_options

        form = self.prompt_form(request)
        templated = form == "chat"
        text = render_prompt(self.tokenizer, request, form)
        prompt_ids = self._encode(request)
        # The option must end where an answer ends, so "go" does not win over "go north" as a prefix.
        ending = self.tokenizer.decode(self._eos_ids[:1]) if templated else "\n"
        if not templated and not text.endswith((" ", "\n")):
            options_text = [" " + option for option in options]
        else:
            options_text = list(options)
        ids = [
            option_token_ids(self.tokenizer, prompt_ids[0].tolist(), text, option, ending)
            for option in options_text
        ]
        scores = rank_options(self.model, prompt_ids, ids, self._pad_id)
        self._record_choice(response, options, scores, sum(len(option) for option in ids))

    def _channel(self, request: ChoiceRequest, options: list[str], response: Response) -> None:
        from engine.inference.ranking import rank_prefixes

        # Plain completion text for chat models too: the channel prompt is not a conversation.
        bos = [self.tokenizer.bos_token_id] if self.tokenizer.bos_token_id is not None else []
        prefixes = [
            bos + self.tokenizer(request.channel_prefix(option), add_special_tokens=False).input_ids
            for option in options
        ]
        suffix = self.tokenizer(request.channel_suffix(), add_special_tokens=False).input_ids
        scores = rank_prefixes(self.model, prefixes, suffix, self._pad_id)
        self._record_choice(response, options, scores, len(suffix) * len(options))

    @staticmethod
    def _record_choice(response: Response, options: list[str], scores: list[float], tokens: int) -> None:
        best = max(range(len(options)), key=scores.__getitem__)
        response.add_tokens(tokens)
        response.choice = Choice(best, options[best], scores)
        response.emit(options[best])

    def _generate_choice(
        self, request: GenerationRequest, options: list[str], response: Response, control: CallControl
    ) -> None:
        from engine.inference.backends.scripted import match_option

        greedy = request.model_copy(
            update={"params": request.params.model_copy(update={"temperature": 0.0, "max_tokens": 64})}
        )
        processor = self._grammars.choice_processor(options)
        self._run_generate(greedy, response, control, processors=[processor], locked=True)
        if control.tripped is None:
            index = match_option(response.text_so_far(), options)
            response.choice = Choice(index, options[index], [])

    # -- resources ----------------------------------------------------------------------------
    def memory_mb(self) -> float:
        """Bytes held by the weights, in MB (0 after close)."""
        return model_memory_mb(self.model) if self.model is not None else 0.0

    def close(self) -> None:
        """Drop the weights (waits for a running call to end)."""
        with self._lock:
            self.model = None
            gc.collect()


def _eos_ids(model: Any, tokenizer: Any) -> list[int]:
    """Every token that ends a reply: the generation config's EOS ids, else the tokenizer's."""
    configured = getattr(model.generation_config, "eos_token_id", None)
    ids = configured if isinstance(configured, list) else [configured] if configured is not None else []
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in ids:
        ids.append(tokenizer.eos_token_id)
    if not ids:
        raise ValueError("model has no end-of-sequence token")
    return [int(i) for i in ids]


def _vocab_size(model: Any, tokenizer: Any) -> int:
    """Logit width (may exceed the tokenizer's vocabulary because of padding)."""
    config = model.config.get_text_config() if hasattr(model.config, "get_text_config") else model.config
    return int(getattr(config, "vocab_size", None) or len(tokenizer))
