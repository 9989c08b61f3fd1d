"""Faithfulness check: a narrated sentence may only use words the authored outcome and the facts support."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.core.outcome import SceneFacts
from engine.turn.shared_words import SHARED_WORDS

_WORD = re.compile(r"[a-z][a-z']+")
_CONTRACTION = re.compile(r"(n't|'s|'re|'ll|'d|'ve|'m)\b")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|we've|our|ours|ourselves)\b")
# Words that carry no facts; everything else in a sentence must be grounded.
_STOP = frozenset("""
a an the and or but if then than so as at by for from in into of on onto to with without within upon over
under through across about around before after again still just only very too also not no nor all any each
every some such this that these those there here where when while who whom whose which what how why it its
itself you your yours yourself he him his she her hers they them their we us our is are was were be been
being am do does did done have has had having can could will would shall should may might must one ones
like more most less much many few own same other another out up down off back away toward towards now
seems seem feel feels felt look looks slowly gently softly quietly moment little small long
hand hands finger fingers feet foot eye eyes face breath breathe step steps
""".split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_SHARED = frozenset(_stem(w) for w in SHARED_WORDS)


def content_words(text: str) -> list[str]:
    """Lower-cased, lightly stemmed words that carry meaning."""
    plain = _CONTRACTION.sub("", text.lower().replace("’", "'"))
    return [_stem(w) for w in _WORD.findall(plain) if len(w) > 2 and w not in _STOP]


@dataclass(frozen=True)
class Faithfulness:
    """Judges sentences against a reference (the authored outcome plus the scene's facts)."""

    reference: frozenset[str]
    min_support: float = 0.6
    allow_first_person: bool = False
    closed: bool = False
    """Closed world: a word neither in the reference nor shared by every scene is an invention, whatever
    the share of supported words (a retelling that adds "a cold beer" to a faithful sentence is withdrawn)."""

    @classmethod
    def of(cls, *texts: str, min_support: float = 0.6, closed: bool = False) -> Faithfulness:
        """A check whose reference is the content words of `texts`."""
        joined = " ".join(texts)
        # First person is fine only when the authored text itself speaks that way (dialogue).
        return cls(frozenset(content_words(joined)), min_support, bool(_FIRST_PERSON.search(joined.lower())),
                   closed)

    def problem(self, sentence: str) -> str | None:
        """Why the sentence is not faithful, or None when it is."""
        outside_quotes = _QUOTED.sub(" ", sentence).lower().replace("’", "'")
        if not self.allow_first_person and _FIRST_PERSON.search(outside_quotes):
            return "speaks in the first person"
        words = content_words(sentence)
        if self.closed:
            words = [w for w in words if w not in _SHARED]
            invented = [w for w in words if w not in self.reference]
            if invented:
                return "not in this scene: " + ", ".join(dict.fromkeys(invented[:4]))
        if not words:
            return None
        supported = sum(1 for w in words if w in self.reference)
        if supported / len(words) < self.min_support:
            unsupported = [w for w in words if w not in self.reference][:4]
            return "not supported by the story: " + ", ".join(unsupported)
        return None


def scene_specific(facts: SceneFacts, previous: Sequence[str]) -> frozenset[str]:
    """Content words of this scene's title and description that the previous narration did not use."""
    before = set(content_words(" ".join(previous)))
    return frozenset(w for w in content_words(f"{facts.title} {facts.description}") if w not in before)


def carries_scene(narration: str, facts: SceneFacts, previous: Sequence[str]) -> bool:
    """Whether a retelling on entering a scene names something of that scene (not only of the last one)."""
    specific = scene_specific(facts, previous)
    # A scene whose every word was already said has nothing specific to ask for.
    return not specific or bool(specific & set(content_words(narration)))
