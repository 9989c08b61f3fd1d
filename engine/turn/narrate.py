"""The narration step: a model retells the authored outcome, sentence by sentence, each one checked first."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass

from engine.core.game import SceneFacts
from engine.inference.base import GenerationRequest, Response
from engine.safety import OutputGuard, sanitize_text
from engine.selector import Selector
from engine.tasks import TaskType
from engine.turn.config import TurnConfig
from engine.turn.events import ModelUsed, NarrationDelta, NarrationDone, NarrationStart, TurnEvent
from engine.turn.grounding_check import GroundingCheck
from engine.turn.model_step import BackendProvider, failure_kind, model_used, record_response
from engine.turn.narration_gate import NarrationGate
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
        gate = NarrationGate(self._guard, grounding, facts, authored, present, self._config.faithfulness,
                             must_mention=must_mention, entered=entered, recent=recent)
        response: Response | None = None
        accepted: list[str] = []  # passed the gate; shown once the whole retelling can no longer be withdrawn
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
                    verdict = gate.sentence_problem(sentence)
                    if verdict is not None:
                        failure, reason = verdict
                        halt.set()
                        break
                    accepted.append(sentence)
                    yield from _release(gate, accepted, shown)
                if failure is not None or len(accepted) >= self._config.narration_sentences:
                    halt.set()
                    break
            else:
                # The stream ended: a last sentence may lack the whitespace that marks its end.
                tail = buffer.strip()
                if tail and _FINAL_END.search(tail) and len(accepted) < self._config.narration_sentences:
                    verdict = gate.sentence_problem(tail)
                    if verdict is None:
                        accepted.append(tail)
                        yield from _release(gate, accepted, shown)
                    else:
                        failure, reason = verdict
            if failure is None and response.outcome not in ("ok", "cancelled") and not accepted:
                failure, reason = failure_kind(response), response.error or response.outcome
        except Exception as exc:  # noqa: BLE001 - a failing model falls back to the authored text
            failure, reason = "exception", f"{type(exc).__name__}: {exc}"
        if stop.is_set() and failure is None and not accepted:
            failure, reason = "cancelled", "cancelled by the player"
        if not accepted and failure is None:
            failure, reason = "invalid", "no complete sentence"
        missing = gate.missing(" ".join(accepted)) if accepted and not shown else []
        if missing:
            # Held back, never shown: a retelling without what the author requires is withdrawn unseen.
            failure, reason = "invalid", "left out: " + ", ".join(missing)
        # A turn counts against the model when nothing it wrote could be shown, or when it broke mid-stream
        # (a served model's server died, say): what was shown stays, and the breaker hears of it.
        broke = shown and failure is None and response is not None and response.outcome in ("error", "timeout")
        if broke and response is not None:
            failure, reason = failure_kind(response), response.error or response.outcome
        outcome = failure if broke else None if shown else failure
        record_response(self._selector, task, decision.model, response, outcome)
        used = model_used(task, decision, response, outcome, params=params)
        if not shown:
            yield NarrationDone(authored, "authored", replaced=bool(accepted), reason=reason)
            return Narration(authored, "authored", decision.model, used, prompt_text, reason, first_token_at)
        final = " ".join(shown)
        yield NarrationDone(final, "model", reason=reason)
        return Narration(final, "model", decision.model, used, prompt_text, reason, first_token_at)


def _release(gate: NarrationGate, accepted: list[str], shown: list[str]) -> Iterator[TurnEvent]:
    """Show the accepted sentences not yet shown, once the retelling so far lacks nothing it must carry.

    Until then they are held: a retelling that might still be withdrawn is never put in front of the player,
    so no front end has to take back what the player has already read as fact."""
    if not shown and gate.missing(" ".join(accepted)):
        return
    for sentence in accepted[len(shown):]:
        shown.append(sentence)
        yield NarrationDelta(("" if len(shown) == 1 else " ") + sentence, " ".join(shown))
