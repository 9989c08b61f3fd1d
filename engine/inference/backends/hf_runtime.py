"""The transformers-side pieces of one generation: a streamer that feeds a Response, stop criteria, prompts.

Imported only when a model is loaded, so that `import engine.inference` stays light.
"""

from __future__ import annotations

from typing import Any, cast

import torch
from transformers import LogitsProcessor, PreTrainedTokenizerBase, StoppingCriteria, TextStreamer

from engine.inference.base import GenerationRequest
from engine.inference.config import GenParams
from engine.inference.control import CallControl
from engine.inference.prompt_form import PromptForm, completion_text
from engine.inference.response import Response


class ResponseStreamer(TextStreamer):
    """TextStreamer's word-boundary decoding, delivered straight into a Response.

    It plays the part of TextIteratorStreamer, whose queue the Response already is.
    """

    def __init__(self, tokenizer: PreTrainedTokenizerBase, response: Response) -> None:
        super().__init__(tokenizer, skip_prompt=True, skip_special_tokens=True)
        self._response = response

    def put(self, value: torch.Tensor) -> None:
        if not self.next_tokens_are_prompt:
            self._response.add_tokens(int(value.numel()))
        super().put(value)  # type: ignore[no-untyped-call]  # transformers leaves TextStreamer.put unannotated

    def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
        self._response.emit(text)


class ControlCriteria(StoppingCriteria):
    """Stops generation when the call is cancelled or past its deadline."""

    def __init__(self, control: CallControl) -> None:
        self._control = control

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any) -> torch.BoolTensor:
        stop = self._control.check() is not None
        flags = torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)
        return cast(torch.BoolTensor, flags)  # a bool tensor is what transformers' BoolTensor annotation means


def render_prompt(tokenizer: PreTrainedTokenizerBase, request: GenerationRequest, form: PromptForm) -> str:
    """The text the model continues, in the form the backend decided (see engine.inference.prompt_form)."""
    if form == "chat" and request.messages is not None:
        messages = [message.model_dump() for message in request.messages]
        return str(tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True))
    return completion_text(request)


def encode_prompt(
    tokenizer: PreTrainedTokenizerBase, text: str, templated: bool, device: torch.device
) -> torch.Tensor:
    """Token ids [1, n]; a rendered chat template carries its own special tokens, a plain prompt gets BOS."""
    ids: torch.Tensor = tokenizer(text, add_special_tokens=not templated, return_tensors="pt").input_ids
    return ids.to(device)


class SpecialSafeRepetitionPenalty(LogitsProcessor):
    """The usual repetition penalty over the tokens generated so far, sparing special tokens.

    transformers' own penalty also hits the prompt's tokens, chat-template markers and EOS included: a small
    model then avoids the end-of-turn token and the authored words it was asked to retell.
    """

    def __init__(self, penalty: float, prompt_length: int, exempt: set[int]) -> None:
        self._penalty = penalty
        self._prompt_length = prompt_length
        self._exempt = sorted(exempt)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        generated = input_ids[:, self._prompt_length:]
        if generated.shape[1] == 0:
            return scores
        picked = torch.gather(scores, 1, generated)
        picked = torch.where(picked < 0, picked * self._penalty, picked / self._penalty)
        penalised = scores.scatter(1, generated, picked)
        if self._exempt:
            keep = torch.tensor(self._exempt, device=scores.device)
            penalised[:, keep] = scores[:, keep]
        return cast(torch.FloatTensor, penalised)


def special_ids(tokenizer: PreTrainedTokenizerBase, eos_ids: list[int]) -> set[int]:
    """Every special token id the tokenizer knows, plus the end-of-sequence ids."""
    return {int(i) for i in [*tokenizer.all_special_ids, *eos_ids] if i is not None}


def sampling_kwargs(params: GenParams, eos_ids: list[int], pad_id: int,
                    tokenizer: PreTrainedTokenizerBase | None = None) -> dict[str, Any]:
    """generate() arguments for the parameters; temperature 0 means greedy. With the tokenizer, stop strings
    end generation (generate() needs the tokenizer to match them across token boundaries)."""
    kwargs: dict[str, Any] = {
        "max_new_tokens": params.max_tokens,
        "eos_token_id": eos_ids,
        "pad_token_id": pad_id,
    }
    if params.stop and tokenizer is not None:
        kwargs.update(stop_strings=list(params.stop), tokenizer=tokenizer)
    if params.temperature <= 0:
        kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    else:
        kwargs.update(do_sample=True, temperature=params.temperature, top_p=params.top_p)
    return kwargs


def repetition_processors(params: GenParams, prompt_length: int, exempt: set[int]) -> list[LogitsProcessor]:
    """The repetition penalty as a processor that spares special tokens (none when the penalty is 1)."""
    if params.repetition_penalty <= 1.0:
        return []
    return [SpecialSafeRepetitionPenalty(params.repetition_penalty, prompt_length, exempt)]
