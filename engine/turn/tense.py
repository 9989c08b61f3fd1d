"""Tense drift: a retelling or reply that slips into the past tense where the author wrote the present."""

from __future__ import annotations

import re

# Why only these: the past forms of be/have/do are how small models slip into the past ("the earth beyond the
# gate was rosemary"); regular -ed verbs are too often adjectives or present words (need, shed, tired).
_PAST = re.compile(r"\b(?:was|were|had|did)(?:n't)?\b(?:\s+(?:not\s+|just\s+|once\s+|last\s+)?([a-z]+))?")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_WORD = re.compile(r"[a-z]+")
_PARTICIPLE = re.compile(r"(?:ed|en|pt|wn|ne|ung|ght|ade|elt)$")


def _plain(text: str) -> str:
    return _QUOTED.sub(" ", text.lower().replace("’", "'"))


def past_words(text: str, own: frozenset[str] = frozenset()) -> set[str]:
    """The past-tense forms of be/have/do in `text`, outside quoted speech; one before a participle of `own`
    words is the author's own past told again ("since it was swept" for "swept once today")."""
    found = set()
    for match in _PAST.finditer(_plain(text)):
        after = match.group(1)
        if after and after in own and _PARTICIPLE.search(after):
            continue
        found.add(match.group(0).split()[0])
    return found


def tense_drift(sentence: str, reference: str = "") -> str | None:
    """The first past-tense form in `sentence` that `reference` (the authored text) never uses, else None."""
    own = frozenset(_WORD.findall(_plain(reference)))
    extra = past_words(sentence, own) - past_words(reference)
    return min(extra) if extra else None
