"""Chat or completion is decided in one place, from the request and the model's own chat capability."""

from __future__ import annotations

import pytest

from engine.inference import CapabilityError, GenerationRequest, Message, ScriptedBackend, choice_request
from engine.inference.base import Backend
from engine.inference.prompt_form import completion_text, prompt_form

CHAT = [Message(role="system", content="Be brief."), Message(role="user", content="The garden at dawn")]


def test_a_request_with_both_forms_goes_by_the_model() -> None:
    both = GenerationRequest(messages=CHAT, prompt="The garden at dawn is")
    assert prompt_form(both, chat=True) == "chat"
    assert prompt_form(both, chat=False) == "completion"
    assert completion_text(both) == "The garden at dawn is"


def test_without_messages_even_a_chat_model_continues_the_prompt() -> None:
    assert prompt_form(GenerationRequest(prompt="Once"), chat=True) == "completion"


def test_a_base_model_given_only_messages_gets_them_flattened() -> None:
    only_messages = GenerationRequest(messages=CHAT)
    assert prompt_form(only_messages, chat=False) == "completion"
    assert completion_text(only_messages) == "Be brief.\n\nThe garden at dawn\n"


def test_backends_say_per_model_whether_they_chat() -> None:
    request = GenerationRequest(messages=CHAT, prompt="p")
    assert ScriptedBackend("instruct").prompt_form(request) == "chat"
    base = ScriptedBackend("base", chat=False)
    assert not base.supports_chat and base.prompt_form(request) == "completion"


class Bare(Backend):
    """A backend that declares nothing."""

    def _generate(self, request: object, response: object, control: object) -> None:
        raise NotImplementedError

    _generate_json = _choose = _generate  # type: ignore[assignment]


def test_a_backend_that_declares_nothing_can_do_nothing_extra() -> None:
    # The honest defaults: no streaming, no JSON, no choice, no chat unless the backend says so.
    bare = Bare("bare")
    assert (bare.can_stream, bare.supports_json, bare.supports_choice, bare.supports_chat) == (False,) * 4
    assert bare.prompt_form(GenerationRequest(messages=CHAT)) == "completion"
    with pytest.raises(CapabilityError, match="cannot stream"):
        bare.generate(GenerationRequest(prompt="x", stream=True))
    with pytest.raises(CapabilityError, match="choosing among options"):
        bare.choose(GenerationRequest(prompt="x"), ["a", "b"])


def test_choice_requests_carry_both_forms() -> None:
    request = choice_request("A dim hall.", ["go north", "look"], "walk up")
    assert request.messages is not None and "- go north" in request.messages[-1].content
    assert request.prompt is not None and request.prompt.endswith('Player: "walk up"\nAction:')
    assert prompt_form(request, chat=False) == "completion" and prompt_form(request, chat=True) == "chat"
