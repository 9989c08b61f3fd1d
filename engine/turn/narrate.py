"""The narration step: stream a model's retelling of the authored outcome, or show the authored text."""

from __future__ import annotations

import re
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from engine.game import SceneFacts
from engine.inference.base import GenerationRequest, Response
from engine.safety import OutputGuard, sanitize_text
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.config import TurnConfig
from engine.turn.events import ModelUsed, NarrationDelta, NarrationDone, NarrationStart, TurnEvent
from engine.turn.grounding import GroundingCheck
from engine.turn.model_step import BackendProvider, failure_kind, model_used, record_response
from engine.turn.prompts import narration_messages, narration_prompt

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?(?=\s|$)")


@dataclass
class Narration:
    """What the narrator produced this turn."""

    text: str
    source: str
    model: str | None
    used: ModelUsed
    prompt: str


def trim_to_sentence(text: str) -> str:
    """Drop a trailing half sentence left by the token limit."""
    ends = list(_SENTENCE_END.finditer(text))
    return text[: ends[-1].end()].strip() if ends else text.strip()


class Narrator:
    """Streams narration from the selected model; falls back to authored text when it fails a check."""

    def __init__(self, selector: Selector, backends: BackendProvider, guard: OutputGuard,
                 grounding: GroundingCheck, config: TurnConfig) -> None:
        self._selector = selector
        self._backends = backends
        self._guard = guard
        self._grounding = grounding
        self._config = config

    def narrate(self, facts: SceneFacts, player_text: str, authored: str, present: Sequence[str],
                recent: Sequence[str], stop: threading.Event) -> Generator[TurnEvent, None, Narration]:
        """Yield streaming events; return the final narration."""
        task = TaskType.NARRATIVE_GENERATION
        decision = self._selector.select(task, streaming=True)
        messages = narration_messages(facts, player_text, authored, recent)
        prompt_text = "\n\n".join(m.content for m in messages)
        if decision.model is None or not self._config.narrate:
            used = ModelUsed(task=task, model=None, explanation=decision.explain())
            yield NarrationStart(None)
            yield NarrationDone(authored, "authored")
            return Narration(authored, "authored", None, used, prompt_text)

        request = GenerationRequest(
            messages=messages,
            prompt=narration_prompt(facts, player_text, authored),
            params=decision.params,
            stream=True,
            timeout_s=self._config.narration_timeout_s,
            stop=stop,
            task=task,
        )
        response: Response | None = None
        text = ""
        failure: str | None = None
        reason: str | None = None
        yield NarrationStart(decision.model)
        try:
            response = self._backends.get(decision.model).generate(request)
            for chunk in response:
                clean = sanitize_text(chunk)
                if clean:
                    text += clean
                    yield NarrationDelta(clean, text)
            failure = failure_kind(response)
            reason = response.error or failure
        except Exception as exc:  # noqa: BLE001 - a failing model falls back to the authored text
            failure, reason = "exception", f"{type(exc).__name__}: {exc}"
        final = trim_to_sentence(text)
        if failure is None:
            failure, reason = self._judge(final, present, authored)
        record_response(self._selector, task, decision.model, response, failure)
        used = model_used(task, decision, response, failure)
        if failure is not None:
            yield NarrationDone(authored, "authored", replaced=bool(text), reason=reason)
            return Narration(authored, "authored", decision.model, used, prompt_text)
        yield NarrationDone(final, "model")
        return Narration(final, "model", decision.model, used, prompt_text)

    def _judge(self, text: str, present: Sequence[str], authored: str) -> tuple[str | None, str | None]:
        if len(text.split()) < 3:
            return "invalid", "narration was empty"
        guard = self._guard.check(text)
        if not guard.ok:
            return "guard", f"output guard: {guard.reason}"
        grounding = self._grounding.check(text, [*present, authored])
        if not grounding.ok:
            return "invalid", "named what is not here: " + ", ".join(grounding.absent)
        return None, None
