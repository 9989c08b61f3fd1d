"""Safety and wellbeing: crisis care before any model, output guard, safe rendering, privacy.

How the turn pipeline uses this package (the pipeline itself lives elsewhere):

1. Every typed text goes through `CrisisDetector.classify(text, context=...)` FIRST, before parsing and
   before any model, with the session's `CrisisContext` (its last few inputs, in memory only). Phrase
   rules run first; a semantic stage (sentence similarity to an exemplar bank) judges what no rule
   fires on. On "imminent", "crisis" or "check-in" the story pauses and the UI shows `crisis_response(...)`
   (imminent: the emergency-number line first):
   pre-written words, the configured help resources and three options (keep playing, a grounding
   exercise from `GROUNDING_STEPS`, quit). `SafetyFlags.record_crisis` remembers it, so the next
   start opens with `SafetyFlags.opening_checkin()`.
2. NOTHING from a crisis exchange may be sent to a model: not the input that fired, not the
   player's reply to the check-in, not the fact that it happened. The pipeline enforces this.
3. Every model output goes through `OutputGuard.check` LAST, before it is shown; blocked text is
   replaced by the story's authored text and logged against the model as a failure.
4. Player text enters prompts only through `quote_for_prompt`; player and model text is shown only
   through `literal` (no markup, no escapes, no control characters).

Phrase lists and the exemplar bank are versioned data files in engine/safety/data/. Decisions on ambiguous phrases are
written at the top of crisis_phrases.yaml: first-person talk of dying or self-harm is a crisis even
inside the fiction; the same said of "my character" or a third person, negated ("i dont want to
die"), joking ("kill me now") or distress without it ("i hate myself") gets a check-in.
Detection is English only.
"""

from engine.safety.config import HelpResource, SafetyConfig, default_resources
from engine.safety.context import CrisisContext
from engine.safety.detector import Classification, CrisisDetector, CrisisLevel
from engine.safety.flags import SafetyFlags
from engine.safety.framing import DISCLAIMER, content_notes_notice
from engine.safety.grounding import GROUNDING_STEPS
from engine.safety.guard import GuardResult, OutputGuard
from engine.safety.phrasebook import PhraseBook, load_phrasebook
from engine.safety.rendering import literal, quote_for_prompt, sanitize_text
from engine.safety.response import OPTIONS, CrisisResponse, crisis_response

__all__ = [
    "DISCLAIMER",
    "GROUNDING_STEPS",
    "OPTIONS",
    "Classification",
    "CrisisContext",
    "CrisisDetector",
    "CrisisLevel",
    "CrisisResponse",
    "GuardResult",
    "HelpResource",
    "OutputGuard",
    "PhraseBook",
    "SafetyConfig",
    "SafetyFlags",
    "content_notes_notice",
    "crisis_response",
    "default_resources",
    "literal",
    "load_phrasebook",
    "quote_for_prompt",
    "sanitize_text",
]
