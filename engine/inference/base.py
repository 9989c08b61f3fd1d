"""The backend interface: capability flags checked up front, requests, and calls that return a Response."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import ClassVar, Literal

from pydantic import BaseModel, ValidationError

from engine.inference.control import CallControl
from engine.inference.prompt_form import PromptForm, prompt_form
from engine.inference.request import ChoiceRequest, GenerationRequest, Message
from engine.inference.response import CallOutcome, Choice, Response

__all__ = [
    "Backend",
    "CallOutcome",
    "CapabilityError",
    "Choice",
    "ChoiceMethod",
    "ChoiceRequest",
    "GenerationRequest",
    "InvalidOutput",
    "Message",
    "PromptForm",
    "Response",
]

ChoiceMethod = Literal["rank", "channel", "generate"]
"""rank: likelihood of each option as the answer; channel: likelihood of the player's words under each
option (needs a ChoiceRequest); generate: constrained generation of one option."""


class CapabilityError(Exception):
    """Raised at once when a backend is asked for something it cannot do."""


class InvalidOutput(Exception):
    """The model's text does not fit what was asked (JSON schema, one of the options)."""


Work = Callable[[Response, CallControl], None]


class Backend(ABC):
    """A model that generates text. Subclasses declare what they can do and implement the `_…` steps.

    What a backend kind can do is declared once, as class flags (False unless the subclass says so);
    whether a model has a chat template is per model, so it is `supports_chat`, set by the constructor.
    """

    can_stream: ClassVar[bool] = False
    """It can stream text while generating (`request.stream`)."""
    supports_json: ClassVar[bool] = False
    """It can constrain output to a JSON schema (`generate_json`)."""
    supports_choice: ClassVar[bool] = False
    """It can pick one of given options (`choose`)."""

    def __init__(self, name: str, *, chat: bool = False) -> None:
        self.name = name
        self.supports_chat = chat
        """This model has a chat template; without one (a base model) it is given completion prompts."""

    def prompt_form(self, request: GenerationRequest) -> PromptForm:
        """How this model is given `request`: as chat messages or as a completion prompt."""
        return prompt_form(request, self.supports_chat)

    # -- public calls -------------------------------------------------------------------------
    def generate(self, request: GenerationRequest) -> Response:
        """Free text; streams when `request.stream`."""
        self._require(request)
        return self._launch(request, lambda response, control: self._generate(request, response, control))

    def generate_json(self, request: GenerationRequest, schema: type[BaseModel]) -> Response:
        """JSON constrained to `schema`; `response.parsed` holds the validated object."""
        self._require(request, "supports_json", "JSON output")

        def work(response: Response, control: CallControl) -> None:
            self._generate_json(request, schema, response, control)
            if control.tripped is None:
                try:
                    response.parsed = schema.model_validate_json(response.text_so_far())
                except ValidationError as error:
                    raise InvalidOutput(f"not valid {schema.__name__}: {error.errors()[0]['msg']}") from None

        return self._launch(request, work)

    def choose(
        self, request: GenerationRequest, options: list[str], method: ChoiceMethod | None = None
    ) -> Response:
        """Pick one of `options`; `response.choice` says which.

        By default options are ranked by likelihood: "channel" for a ChoiceRequest, else "rank".
        """
        self._require(request, "supports_choice", "choosing among options")
        if not options:
            raise ValueError("choose() needs at least one option")
        if len(set(options)) != len(options):
            raise ValueError("choose() options must be distinct")
        if method is None:
            method = "channel" if isinstance(request, ChoiceRequest) else "rank"
        if method == "channel" and not isinstance(request, ChoiceRequest):
            raise ValueError("the channel method needs a ChoiceRequest (see engine.inference.choice_prompts)")
        chosen: ChoiceMethod = method
        return self._launch(
            request,
            lambda response, control: self._choose(request, list(options), chosen, response, control),
        )

    # -- what a subclass implements -----------------------------------------------------------
    @abstractmethod
    def _generate(self, request: GenerationRequest, response: Response, control: CallControl) -> None:
        """Produce text into `response` (emit + add_tokens), checking `control` between tokens."""

    @abstractmethod
    def _generate_json(
        self,
        request: GenerationRequest,
        schema: type[BaseModel],
        response: Response,
        control: CallControl,
    ) -> None:
        """Like `_generate`, with output constrained to `schema` where the backend can."""

    @abstractmethod
    def _choose(
        self,
        request: GenerationRequest,
        options: list[str],
        method: ChoiceMethod,
        response: Response,
        control: CallControl,
    ) -> None:
        """Set `response.choice` (and emit the chosen option's text)."""

    def memory_mb(self) -> float:
        """Memory held by the loaded model, in MB."""
        return 0.0

    def close(self) -> None:  # noqa: B027 - a hook with a default: only backends holding resources override it
        """Release the model (after any running call ends)."""

    # -- shared machinery ---------------------------------------------------------------------
    def _require(self, request: GenerationRequest, flag: str | None = None, what: str = "") -> None:
        if request.stream and not self.can_stream:
            raise CapabilityError(f"model {self.name!r} cannot stream")
        if flag is not None and not getattr(self, flag):
            raise CapabilityError(f"model {self.name!r} does not support {what}")

    def _launch(self, request: GenerationRequest, work: Work) -> Response:
        response = Response(self.name, request.task)
        control = CallControl(request.stop, request.timeout_s)

        def run() -> None:
            outcome: CallOutcome = "ok"
            error: str | None = None
            try:
                work(response, control)
                outcome = control.tripped or "ok"
            except InvalidOutput as invalid:
                outcome, error = "invalid", str(invalid)
            except Exception as exc:  # any model failure becomes an outcome the caller can act on
                outcome, error = "error", f"{type(exc).__name__}: {exc}"
            response.finish(outcome, error)

        self._run_call(run, background=request.stream)
        return response

    def _run_call(self, call: Callable[[], None], *, background: bool) -> None:
        """Run one call: on a thread of its own when streaming, else on the caller's. A backend whose native
        library cares which thread calls it (llama.cpp's OpenMP team) pins every call to one thread."""
        if background:
            threading.Thread(target=call, name=f"generate-{self.name}", daemon=True).start()
        else:
            call()
