"""Crisis detection on player input: curated phrase rules, run before parsing and before any model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from engine.safety.normalize import normalize, sentences
from engine.safety.phrasebook import PhraseBook, load_phrasebook

CrisisLevel = Literal["crisis", "check-in", "none"]
_RANK = {"crisis": 2, "check-in": 1}


@dataclass(frozen=True)
class Classification:
    """What the detector decided about one input, and why."""

    level: CrisisLevel
    rule: str | None = None
    """Id of the rule that decided the level (None when nothing matched)."""
    matched: str | None = None
    """The normalised words that matched."""


class CrisisDetector:
    """Classifies player text as crisis, check-in or none.

    The strongest level among all matching rules wins, so an input that matches both a
    check-in rule and a crisis rule is a crisis.
    """

    def __init__(self, phrases: PhraseBook | None = None) -> None:
        self._phrases = phrases or load_phrasebook()

    @property
    def version(self) -> int:
        """Version of the phrase lists in force."""
        return self._phrases.version

    def classify(self, text: str) -> Classification:
        """Classify one player input."""
        book = self._phrases
        best = Classification("none")
        for sentence in sentences(text):
            normalised = normalize(sentence, book.spellings, book.fuzzy_words)
            for rule in book.rules:
                rank = _RANK.get(rule.level)
                if rank is None or rank <= _RANK.get(best.level, 0):
                    continue
                found = rule.search(normalised)
                if found:
                    best = Classification(cast(CrisisLevel, rule.level), rule.id, found.group(0))
            if best.level == "crisis":
                break
        return best
