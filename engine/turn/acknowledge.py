"""A short, warm acknowledgement of a reflection answer: the beat's authored `done`, or a model's, guarded."""

from __future__ import annotations

import re

from engine.inference.base import Backend, GenerationRequest, Message, Response
from engine.inference.config import GenParams
from engine.safety import quote_for_prompt, sanitize_text
from engine.tasks import TaskType
from engine.turn.events import ModelUsed
from engine.turn.injection import injection_kind
from engine.turn.model_step import run_step
from engine.turn.offscript import ModelSteps
from engine.turn.reply_gate import first_sentences

# Never advice, never a diagnosis, never judgement; no questions back (the answer is the player's to keep).
_ADVICE = re.compile(r"\b(should|must|need to|needs to|have to|has to|ought|recommend|suggest|consider|try to|"
                     r"why not|why don't|remember to|make sure|it'?s important)\b", re.I)
_DIAGNOSIS = re.compile(r"\b(depress\w*|anxi\w*|disorder\w*|trauma\w*|ptsd|diagnos\w*|therap\w*|symptom\w*|"
                        r"illness|patholog\w*|condition|medicat\w*|counsel\w*)\b", re.I)
_JUDGEMENT = re.compile(r"\b(wrong|bad|silly|stupid|weak|mistake\w*|should have|shouldn'?t|good job|well done|"
                        r"proud of you|correct|right answer|better|worse|normal)\b", re.I)
MAX_WORDS = 35
SYSTEM = ("You answer a player who has just shared a few private words in a gentle story. Reply with one short, "
          "warm sentence of thanks that reflects what they wrote. No advice, no questions, no judgement.")


def acknowledgement_problem(text: str) -> str | None:
    """Why a model's acknowledgement must not be shown, or None."""
    if not text or len(text.split()) > MAX_WORDS:
        return "empty or too long"
    if "?" in text:
        return "asks a question"
    for name, pattern in (("advice", _ADVICE), ("a diagnosis", _DIAGNOSIS), ("judgement", _JUDGEMENT)):
        if pattern.search(text):
            return f"gives {name}"
    if re.search(r"\b(i|me|my|we|our)\b", text.lower()) and not re.search(r"\bthank", text.lower()):
        return "speaks about itself"
    return None


def acknowledge(steps: ModelSteps | None, prompt: str, answer: str, authored: str,
                timeout_s: float = 15.0) -> tuple[str, str, list[ModelUsed]]:
    """(text, source, models): a model's guarded acknowledgement ("model"), else the authored one."""
    if steps is None or injection_kind(answer) is not None:
        # Words that read like instructions never reach a model, even as a reflection: the authored thanks.
        return authored, "authored", []
    selector, backends, guard = steps
    task = TaskType.IN_WORLD_REPLY  # a short, bounded reply: the same job, the same router statistics

    def call(backend: Backend, params: GenParams) -> Response:
        user = f"The story asked: {prompt}\nThey wrote: {quote_for_prompt(answer)}\nYour one sentence:"
        return backend.generate(GenerationRequest(
            messages=[Message(role="system", content=SYSTEM), Message(role="user", content=user)],
            prompt=f"{SYSTEM}\n\n{user}", params=params, timeout_s=timeout_s, task=task))

    def judge(response: Response) -> str | None:
        text = first_sentences(sanitize_text(response.text), 1)
        if not guard.check(text).ok:
            return "guard"
        return "invalid" if acknowledgement_problem(text) else None

    step = run_step(selector, backends, task, call, judge)
    if step.response is None:
        return authored, "authored", step.used
    return first_sentences(sanitize_text(step.response.text), 1), "model", step.used
