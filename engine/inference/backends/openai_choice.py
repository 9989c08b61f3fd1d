"""Choosing among options on a server: score each by the prompt logprobs it echoes, or constrain a reply to one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.inference.prompt_form import completion_text
from engine.inference.request import ChoiceRequest, GenerationRequest


@dataclass(frozen=True)
class Scored:
    """A text to send with echo, and where in it the part to score lies."""

    text: str
    start: int
    end: int


def rank_texts(request: GenerationRequest, options: Sequence[str]) -> list[Scored]:
    """"rank": each option (and the newline that ends an answer) after the plain prompt text.

    A server's chat template cannot be applied from here, so chat models are scored on the plain text too.
    """
    prompt = completion_text(request)
    joiner = "" if prompt.endswith((" ", "\n")) else " "
    texts = []
    for option in options:
        head = prompt + joiner
        texts.append(Scored(head + option + "\n", len(head), len(head) + len(option) + 1))
    return texts


def channel_texts(request: ChoiceRequest, options: Sequence[str]) -> list[Scored]:
    """"channel": the player's words after each option's scene prefix (the same suffix scored every time)."""
    suffix = request.channel_suffix()
    texts = []
    for option in options:
        prefix = request.channel_prefix(option)
        texts.append(Scored(prefix + suffix, len(prefix), len(prefix) + len(suffix)))
    return texts


def mean_logprob(logprobs: Any, scored: Scored) -> tuple[float, int]:
    """Mean log-probability of the echoed tokens that overlap [start, end), and how many there were.

    `logprobs` is a completion choice's `logprobs` (text_offset, token_logprobs), prompt tokens included.
    A token that straddles `start` counts: tokenizers often merge the joining space into the next word.
    """
    offsets: list[int] = list(logprobs.text_offset or [])
    values: list[float | None] = list(logprobs.token_logprobs or [])
    tokens: list[str] = list(logprobs.tokens or [])
    total, count = 0.0, 0
    for offset, value, token in zip(offsets, values, tokens, strict=False):
        if value is None or offset >= scored.end or offset + len(token) <= scored.start:
            continue
        total += value
        count += 1
    if count == 0:
        raise ValueError("the server echoed no logprobs for the scored text")
    return total / count, count


def option_schema(options: Sequence[str]) -> dict[str, Any]:
    """A JSON schema whose only valid documents name one of the options."""
    return {
        "type": "object",
        "properties": {"choice": {"type": "string", "enum": list(options)}},
        "required": ["choice"],
        "additionalProperties": False,
    }


def choice_messages(request: GenerationRequest, options: Sequence[str]) -> GenerationRequest:
    """The request with a last instruction listing the options (what constrained generation answers)."""
    from engine.inference.request import Message

    listed = "\n".join(f"- {option}" for option in options)
    ask = f"Answer with one of these options, exactly as written:\n{listed}"
    messages = list(request.messages or [Message(role="user", content=request.prompt or "")])
    messages.append(Message(role="user", content=ask))
    prompt = f"{completion_text(request).rstrip()}\n{ask}\nAnswer:"
    return request.model_copy(update={"messages": messages, "prompt": prompt})
