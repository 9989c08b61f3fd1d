"""Tense drift: a retelling or reply that slips into the past tense where the author wrote the present."""

from __future__ import annotations

import re

# Why only these: the past forms of be/have/do are how small models slip into the past ("the earth beyond the
# gate was rosemary"); regular -ed verbs are too often adjectives or present words (need, shed, tired).
_PAST = re.compile(r"\b(?:was|were|had|did)(?:n't)?\b")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def past_words(text: str) -> set[str]:
    """The past-tense forms of be/have/do in `text`, outside quoted speech."""
    plain = _QUOTED.sub(" ", text.lower().replace("’", "'"))
    return {match.group(0) for match in _PAST.finditer(plain)}


def tense_drift(sentence: str, reference: str = "") -> str | None:
    """The first past-tense form in `sentence` that `reference` (the authored text) never uses, else None."""
    extra = past_words(sentence) - past_words(reference)
    return min(extra) if extra else None
