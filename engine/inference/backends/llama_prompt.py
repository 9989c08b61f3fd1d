"""What a llama.cpp model is given: the GGUF's chat template when it has one, plain completion otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.inference.backends.llama_session import LlamaSession
from engine.inference.prompt_form import completion_text, prompt_form
from engine.inference.request import GenerationRequest

TURN_MARKERS = (
    "<|im_end|>", "<|im_start|>", "<end_of_turn>", "<start_of_turn>", "<|eot_id|>", "<|start_header_id|>",
    "<|end|>", "<|user|>", "<|assistant|>", "<|endoftext|>", "</s>",
)
"""Chat-format markers: when one shows up in a templated reply spelt out as ordinary text (small models do
that, above all under a repetition penalty), the reply has ended."""


@dataclass(frozen=True)
class Rendered:
    """A request as the model sees it."""

    text: str
    tokens: list[int]
    templated: bool
    """Rendered through the chat template (its special tokens parsed as such)."""
    stops: tuple[str, ...]
    """Strings that end the reply (not included in it)."""


class PromptFormat:
    """Renders requests for one model. Whether it has a chat template is read from the GGUF metadata;
    chat or completion per request is then `engine.inference.prompt_form`'s decision.

    A model whose GGUF carries `tokenizer.chat_template` gets chat messages through it (unless its
    configuration turns templates off); a base model without one (Gemma-3-270M) gets a plain completion
    prompt: the request's `prompt`, or its messages flattened.
    """

    def __init__(self, session: LlamaSession, use_template: bool = True) -> None:
        self._session = session
        template = session.metadata.get("tokenizer.chat_template")
        self.has_template = bool(template) and use_template
        eos = int(session.model.token_eos())
        self.end_text = session.token_text(eos) if eos >= 0 else ""
        """The text of the end-of-turn token: where an answer ends in a templated prompt."""
        self._formatter: Any = None
        if self.has_template:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            bos = session.bos
            self._formatter = Jinja2ChatFormatter(
                template=str(template),
                eos_token=self.end_text,
                bos_token=session.token_text(bos) if bos is not None else "",
                add_generation_prompt=True,
            )

    def uses_template(self, request: GenerationRequest) -> bool:
        """Whether `request` is rendered with the chat template (messages given, the model has one)."""
        return prompt_form(request, self.has_template) == "chat"

    def render_text(self, request: GenerationRequest) -> str:
        """The text the model continues."""
        if self.uses_template(request):
            assert request.messages is not None
            messages = [message.model_dump() for message in request.messages]
            return str(self._formatter(messages=messages).prompt)
        return completion_text(request)

    def encode(self, text: str, templated: bool) -> list[int]:
        """Tokens of a rendered prompt: a template writes its own special tokens; plain text gets BOS
        when the model wants one, and special-token text in it stays ordinary text."""
        session = self._session
        if templated:
            return session.tokenize(text, add_bos=False, special=True)
        return session.tokenize(text, add_bos=session.adds_bos, special=False)

    def render(self, request: GenerationRequest, extra_stops: tuple[str, ...] = ()) -> Rendered:
        """The request as text, tokens and stop strings."""
        templated = self.uses_template(request)
        text = self.render_text(request)
        stops = list(extra_stops)
        if templated:
            stops += [marker for marker in (self.end_text, *TURN_MARKERS) if marker and marker in text]
        return Rendered(text, self.encode(text, templated), templated, tuple(dict.fromkeys(stops)))

    def continuation(self, text: str, templated: bool, continuation: str) -> list[int]:
        """The tokens of `continuation` as they follow `text`: cut from a joint tokenization where that
        is a clean cut (tokenizers merge across the boundary), else tokenized alone."""
        session = self._session
        bare = session.tokenize(text, add_bos=False, special=templated)
        joint = session.tokenize(text + continuation, add_bos=False, special=templated)
        if joint[: len(bare)] == bare and len(joint) > len(bare):
            return joint[len(bare) :]
        return session.tokenize(continuation, add_bos=False, special=templated)
