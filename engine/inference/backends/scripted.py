"""A backend that replays queued outputs, with the same interface and timing records as a real model."""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from engine.inference.base import Backend, ChoiceMethod, GenerationRequest, InvalidOutput
from engine.inference.control import CallControl
from engine.inference.response import Choice, Response


@dataclass(frozen=True)
class Hang:
    """A queued item that blocks for `seconds` (or until cancelled or timed out) and yields no text."""

    seconds: float


class ScriptExhausted(Exception):
    """A call came after every queued output was used."""


ScriptItem = str | Exception | Hang

UNCHOSEN_SCORE = -100.0
"""Score given to the options a scripted choice did not pick (a real model gives log-likelihoods)."""


class ScriptedBackend(Backend):
    """Each call takes the next queued item: text is streamed word by word, an Exception is raised.

    It can do everything a backend may declare; `chat=False` makes it stand in for a base model.
    """

    can_stream = True
    supports_json = True
    supports_choice = True

    def __init__(
        self, name: str, outputs: Iterable[ScriptItem] = (), chunk_delay_s: float = 0.0, *, chat: bool = True
    ) -> None:
        super().__init__(name, chat=chat)
        self._outputs: deque[ScriptItem] = deque(outputs)
        self._chunk_delay_s = chunk_delay_s
        self._lock = threading.Lock()
        self.requests: list[GenerationRequest] = []
        """Every request received, in order (what a test inspects)."""

    def queue(self, *outputs: ScriptItem) -> None:
        """Add outputs for later calls."""
        self._outputs.extend(outputs)

    @property
    def pending(self) -> int:
        """How many queued outputs are left."""
        return len(self._outputs)

    def _generate(self, request: GenerationRequest, response: Response, control: CallControl) -> None:
        if not control.acquire(self._lock):
            return
        try:
            self.requests.append(request)
            item = self._outputs.popleft() if self._outputs else ScriptExhausted(f"{self.name}: no output queued")
            if isinstance(item, Exception):
                raise item
            if isinstance(item, Hang):
                control.wait(item.seconds)
                return
            self._stream(item, request.params.max_tokens, response, control)
        finally:
            self._lock.release()

    def _stream(self, text: str, max_tokens: int, response: Response, control: CallControl) -> None:
        for count, chunk in enumerate(re.findall(r"\s*\S+\s*|\s+", text)):
            if count >= max_tokens or control.check() is not None:
                return
            if self._chunk_delay_s and control.wait(self._chunk_delay_s) is not None:
                return
            response.add_tokens(1)
            response.emit(chunk)

    def _generate_json(
        self,
        request: GenerationRequest,
        schema: type[BaseModel],
        response: Response,
        control: CallControl,
    ) -> None:
        self._generate(request, response, control)  # the base class validates the text against the schema

    def _choose(
        self,
        request: GenerationRequest,
        options: list[str],
        method: ChoiceMethod,
        response: Response,
        control: CallControl,
    ) -> None:
        self._generate(request, response, control)
        if control.tripped is None:
            index = match_option(response.text_so_far(), options)
            scores = [0.0 if i == index else UNCHOSEN_SCORE for i in range(len(options))]
            response.choice = Choice(index, options[index], scores)


def match_option(text: str, options: list[str]) -> int:
    """The option `text` names: its exact text (ignoring case and spaces) or its 0-based index."""
    wanted = " ".join(text.split()).casefold()
    for index, option in enumerate(options):
        if " ".join(option.split()).casefold() == wanted:
            return index
    if wanted.isdigit() and int(wanted) < len(options):
        return int(wanted)
    raise InvalidOutput(f"{text!r} is none of the {len(options)} options")
