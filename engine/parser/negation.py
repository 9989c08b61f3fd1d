"""Denied deeds: "do not go north", "I don't want to light it" ask for nothing to be done, by rules or models."""

from __future__ import annotations

from engine.parser.words import NEGATIONS, words_of

# Openings that suggest a deed while saying "not": "why not ring the bell", "why don't we go in".
_SUGGESTING = (("why", "not"), ("why", "don't"), ("why", "dont"))
# Ways of changing one's mind that deny nothing after them: "never mind, I'll go home".
_MIND = (("never", "mind"),)


def denied(text: str) -> bool:
    """Whether the words deny a deed (a negation anywhere but in a suggestion or "never mind")."""
    words = [w for w in words_of(text) if w != "?"]
    if tuple(words[:2]) in _SUGGESTING:
        words = words[2:]
    for at, word in enumerate(words):
        if word in NEGATIONS and not any(tuple(words[at:at + len(m)]) == m for m in _MIND):
            return True
    return False
