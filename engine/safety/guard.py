"""Output guard: every model output is checked before it is shown; blocked text is replaced by the
story's authored text (the pipeline's job), and the block is logged against the model as a failure."""

from __future__ import annotations

from dataclasses import dataclass

from engine.safety.normalize import normalize, sentences
from engine.safety.phrasebook import GUARD_PHRASES, PhraseBook, load_packaged


@dataclass(frozen=True)
class GuardResult:
    """Whether model text may be shown; if not, why."""

    ok: bool
    reason: str | None = None
    """Plain-words reason, e.g. 'describes a method of self-harm'."""
    rule: str | None = None
    """Id of the rule that blocked the text, for the failure log."""


class OutputGuard:
    """Blocks model text that describes self-harm methods, encourages self-harm, or contradicts
    the crisis response ("no one can help you"). Ordinary adventure narration passes."""

    def __init__(self, phrases: PhraseBook | None = None) -> None:
        self._phrases = phrases or load_packaged(GUARD_PHRASES)

    def check(self, text: str) -> GuardResult:
        """Check one model output."""
        book = self._phrases
        for sentence in sentences(text):
            normalised = normalize(sentence, book.spellings, book.fuzzy_words)
            for rule in book.rules:
                if rule.search(normalised):
                    return GuardResult(False, rule.about, rule.id)
        return GuardResult(True)
