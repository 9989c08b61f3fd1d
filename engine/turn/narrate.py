"""The narration step: a model retells the authored outcome, sentence by sentence, each one checked first."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from engine.core.game import SceneFacts
from engine.inference.base import GenerationRequest, Response
from engine.safety import OutputGuard, sanitize_text
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.config import TurnConfig
from engine.turn.events import ModelUsed, NarrationDelta, NarrationDone, NarrationStart, TurnEvent
from engine.turn.faithfulness import Faithfulness, carries_scene, content_words
from engine.turn.grounding_check import GroundingCheck
from engine.turn.model_step import BackendProvider, failure_kind, model_used, record_response
from engine.turn.step_prompts import narration_messages, narration_prompt

# A sentence ends at . ! ? … (optionally closed by a quote or bracket) followed by whitespace.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s")
_FINAL_END = re.compile(r"[.!?…][\"'”’)]*$")


@dataclass
class Narration:
    """What the narrator produced this turn."""

    text: str
    source: str
    model: str | None
    used: ModelUsed
    prompt: str
    reason: str | None = None
    first_token_at: float | None = None
    """perf_counter() when the model's first token arrived (before any check), for latency figures."""


def split_complete(buffer: str) -> tuple[list[str], str]:
    """Complete sentences at the front of `buffer`, and the unfinished rest."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(buffer):
        sentences.append(buffer[start : match.end()].strip())
        start = match.end()
    return [s for s in sentences if s], buffer[start:]


def left_out(narration: str, must_mention: Sequence[str]) -> list[str]:
    """Must-mention facts of which the narration names none of the content words."""
    said = set(content_words(narration))
    return [fact for fact in must_mention if content_words(fact) and not said & set(content_words(fact))]


class SentenceGate:
    """Lets a sentence through only if the guard, the grounding check and the faithfulness check all pass."""

    def __init__(self, guard: OutputGuard, grounding: GroundingCheck, faithful: Faithfulness,
                 present: Sequence[str]) -> None:
        self._guard = guard
        self._grounding = grounding
        self._faithful = faithful
        self._present = list(present)

    def problem(self, sentence: str) -> tuple[str, str] | None:
        """(failure kind, reason) for a sentence that must not be shown, else None."""
        guard = self._guard.check(sentence)
        if not guard.ok:
            return "guard", f"output guard: {guard.reason}"
        grounding = self._grounding.check(sentence, self._present)
        if not grounding.ok:
            return "invalid", "named what is not here: " + ", ".join(grounding.absent)
        unfaithful = self._faithful.problem(sentence)
        if unfaithful:
            return "invalid", unfaithful
        return None


class Narrator:
    """Streams checked narration from the selected model; the authored text stands in when it fails."""

    def __init__(self, selector: Selector, backends: BackendProvider, guard: OutputGuard,
                 config: TurnConfig) -> None:
        self._selector = selector
        self._backends = backends
        self._guard = guard
        self._config = config

    def narrate(self, facts: SceneFacts, player_text: str, authored: str, present: Sequence[str],
                recent: Sequence[str], stop: threading.Event, grounding: GroundingCheck,
                must_mention: Sequence[str] = (), entered: bool = False) -> Generator[TurnEvent, None, Narration]:
        """Yield streaming events; return the final narration. `grounding` knows the story's names;
        `entered`: this turn arrived in a new scene."""
        task = TaskType.NARRATIVE_GENERATION
        # One model narrates; if it fails the authored text stands (no second model mid-stream): chain of one.
        decision = self._selector.select(task, streaming=True, limit=1)
        # Entering a scene, the previous scene's narration is what a small model copies: leave it out.
        messages = narration_messages(authored, () if entered else recent)
        prompt_text = "\n\n".join(m.content for m in messages)
        if decision.model is None or not self._config.narrate:
            used = ModelUsed(task=task, model=None, explanation=decision.explain())
            yield NarrationStart(None)
            yield NarrationDone(authored, "authored")
            return Narration(authored, "authored", None, used, prompt_text)

        params = self._backends.params_for(decision.model, task)
        # The model's stop event also fires when the player cancels; a failing sentence sets it too.
        halt = threading.Event()
        request = GenerationRequest(
            messages=messages,  # chat models get these; a base model gets the prompt (the backend decides)
            prompt=narration_prompt(facts, authored),
            params=params,
            stream=True,
            timeout_s=self._config.narration_timeout_s,
            stop=halt,
            task=task,
        )
        # Judged against this turn's outcome and scene only: earlier narration must not vouch for a sentence.
        reference = [authored, facts.title, *present, *facts.must_mention]
        gate = SentenceGate(self._guard, grounding,
                            Faithfulness.of(*reference, min_support=self._config.faithfulness), present)
        response: Response | None = None
        shown: list[str] = []
        first_token_at: float | None = None
        failure: str | None = None
        reason: str | None = None
        yield NarrationStart(decision.model)
        try:
            response = self._backends.get(decision.model).generate(request)
            buffer = ""
            for chunk in response:
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                if stop.is_set():
                    halt.set()
                buffer += sanitize_text(chunk)
                complete, buffer = split_complete(buffer)
                for sentence in complete:
                    verdict = gate.problem(sentence)
                    if verdict is not None:
                        failure, reason = verdict
                        halt.set()
                        break
                    text = " ".join([*shown, sentence])
                    shown.append(sentence)
                    yield NarrationDelta(("" if len(shown) == 1 else " ") + sentence, text)
                if failure is not None or len(shown) >= self._config.narration_sentences:
                    halt.set()
                    break
            else:
                # The stream ended: a last sentence may lack the whitespace that marks its end.
                tail = buffer.strip()
                if tail and _FINAL_END.search(tail) and len(shown) < self._config.narration_sentences:
                    verdict = gate.problem(tail)
                    if verdict is None:
                        shown.append(tail)
                        yield NarrationDelta(("" if len(shown) == 1 else " ") + tail, " ".join(shown))
                    else:
                        failure, reason = verdict
            if failure is None and response.outcome not in ("ok", "cancelled") and not shown:
                failure, reason = failure_kind(response), response.error or response.outcome
        except Exception as exc:  # noqa: BLE001 - a failing model falls back to the authored text
            failure, reason = "exception", f"{type(exc).__name__}: {exc}"
        if stop.is_set() and failure is None and not shown:
            failure, reason = "cancelled", "cancelled by the player"
        if not shown and failure is None:
            failure, reason = "invalid", "no complete sentence"
        missing = left_out(" ".join(shown), must_mention) if shown else []
        if shown and not missing and entered and not carries_scene(" ".join(shown), facts, recent):
            missing = [f"anything specific to {facts.title}"]
        if missing:
            # The author marked these facts as ones the player must hear: a retelling without them is withdrawn.
            shown, failure, reason = [], "invalid", "left out: " + ", ".join(missing)
        # A turn counts against the model when nothing it wrote could be shown, or when it broke mid-stream
        # (a served model's server died, say): what was shown stays, and the breaker hears of it.
        broke = shown and failure is None and response is not None and response.outcome in ("error", "timeout")
        if broke and response is not None:
            failure, reason = failure_kind(response), response.error or response.outcome
        outcome = failure if broke else None if shown else failure
        record_response(self._selector, task, decision.model, response, outcome)
        used = model_used(task, decision, response, outcome, params=params)
        if not shown:
            yield NarrationDone(authored, "authored", replaced=bool(missing), reason=reason)
            return Narration(authored, "authored", decision.model, used, prompt_text, reason, first_token_at)
        final = " ".join(shown)
        yield NarrationDone(final, "model", reason=reason)
        return Narration(final, "model", decision.model, used, prompt_text, reason, first_token_at)
