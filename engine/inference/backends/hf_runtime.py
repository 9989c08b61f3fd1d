"""The transformers-side pieces of one generation: a streamer that feeds a Response, stop criteria, prompts.

Imported only when a model is loaded, so that `import engine.inference` stays light.
"""

from __future__ import annotations

from typing import Any

import torch
from transformers import PreTrainedTokenizerBase, StoppingCriteria, TextStreamer

from engine.inference.base import GenerationRequest
from engine.inference.control import CallControl
from engine.inference.response import Response
from engine.inference.config import GenParams


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
        super().put(value)

    def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
        self._response.emit(text)


class ControlCriteria(StoppingCriteria):
    """Stops generation when the call is cancelled or past its deadline."""

    def __init__(self, control: CallControl) -> None:
        self._control = control

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any) -> torch.BoolTensor:
        stop = self._control.check() is not None
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)


def uses_template(tokenizer: PreTrainedTokenizerBase, request: GenerationRequest, chat_template: bool) -> bool:
    """Whether the request is rendered with the chat template (chat model and messages given)."""
    return request.messages is not None and chat_template and bool(tokenizer.chat_template)


def render_prompt(tokenizer: PreTrainedTokenizerBase, request: GenerationRequest, chat_template: bool) -> str:
    """The text the model continues: messages through the chat template for chat models; otherwise the
    plain prompt, or the messages flattened when there is no prompt."""
    if uses_template(tokenizer, request, chat_template):
        assert request.messages is not None
        messages = [message.model_dump() for message in request.messages]
        return str(tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True))
    if request.prompt is not None:
        return request.prompt
    assert request.messages is not None
    return "\n\n".join(message.content for message in request.messages) + "\n"


def encode_prompt(
    tokenizer: PreTrainedTokenizerBase, text: str, templated: bool, device: torch.device
) -> torch.Tensor:
    """Token ids [1, n]; a rendered chat template carries its own special tokens, a plain prompt gets BOS."""
    ids = tokenizer(text, add_special_tokens=not templated, return_tensors="pt").input_ids
    return ids.to(device)


def sampling_kwargs(params: GenParams, eos_ids: list[int], pad_id: int) -> dict[str, Any]:
    """generate() arguments for the parameters; temperature 0 means greedy."""
    kwargs: dict[str, Any] = {
        "max_new_tokens": params.max_tokens,
        "repetition_penalty": params.repetition_penalty,
        "eos_token_id": eos_ids,
        "pad_token_id": pad_id,
    }
    if params.temperature <= 0:
        kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    else:
        kwargs.update(do_sample=True, temperature=params.temperature, top_p=params.top_p)
    return kwargs
