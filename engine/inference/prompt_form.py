"""The one place that decides whether a request reaches a model as chat messages or as a completion prompt."""

from __future__ import annotations

from typing import Literal

from engine.inference.request import GenerationRequest

PromptForm = Literal["chat", "completion"]
"""chat: the messages through the model's chat template; completion: plain text the model continues."""


def prompt_form(request: GenerationRequest, chat: bool) -> PromptForm:
    """Chat when the model has a chat template (`chat`) and the request has messages; else completion.

    A request may carry both: its messages serve chat models, its `prompt` serves base models, which
    would only echo chat markup back.
    """
    return "chat" if chat and request.messages is not None else "completion"


def completion_text(request: GenerationRequest) -> str:
    """The completion prompt: `prompt` when given, else the messages flattened into plain text."""
    if request.prompt is not None:
        return request.prompt
    messages = request.messages or []  # a request always has one of the two
    return "\n\n".join(message.content for message in messages) + "\n"
