"""Words around a command that carry none (a reason or purpose after it, a remark before a comma), dawn idioms."""

from __future__ import annotations

import re

from engine.parser.words import NEGATIONS, words_of

# A new command after a comma, opened by a polite or resolving wrapper: the comma starts a clause.
_COMMA_COMMAND = re.compile(r",\s*(?=(?:(?:can|could|may|shall|should)\s+(?:i|we)|i'll|i\s+will|let\s+me|let's|"
                            r"i'd\s+better|i\s+think\s+i'll)\b)", re.IGNORECASE)
# Words that open a reason or purpose for the deed ("because", "so that"; "since", "as" when a subject follows).
_REASONS = {"because", "cos", "coz", "cause", "'cause"}
_THEN_SUBJECT = {"since", "as"}
_SUBJECTS = {"that", "it", "it'll", "it's", "its", "i", "i'm", "i've", "we", "we're", "they", "they're", "he", "she",
             "you", "nothing", "there", "everything", "the", "he's", "she's", "there's"}
# A sentence about the player ("I'm tired so I think I'll sit") keeps its "so": the command is after it.
_TELLING = {"i'm", "im", "i", "we're", "we", "i've"}


def commas(text: str) -> str:
    """The text with a comma before a new command turned into "then" (a clause boundary), unless the remark before
    it denies something ("I'm not hungry, I'll eat later" wants nothing done now)."""
    match = _COMMA_COMMAND.search(text)
    if match is None or set(words_of(text[:match.start()])) & NEGATIONS:
        return text
    return text[:match.start()] + " then " + text[match.end():]


def without_reasons(words: list[str]) -> list[str]:
    """The words up to a reason or purpose clause after the command (at least two words of command first)."""
    if words[:1] and words[0] in _TELLING:
        return words
    for at in range(2, len(words)):
        word, after = words[at], words[at + 1:at + 2]
        # ("the" is gone by now: "so the oven warms" reads "so oven warms", "now it's oiled" keeps its "it's").
        clause = word in _REASONS or word == "so" and bool(after) or word == "now" and len(words) - at > 2
        if clause or (word in _THEN_SUBJECT and after and after[0] in _SUBJECTS):
            return words[:at]
    return words


# Everyday ways of saying the day's first light, spelt as one word the lexicon knows ("the sun to come up").
_SUNRISE = re.compile(r"\bsun\s+(?:to\s+)?(?:comes?\s+up|coming\s+up|rises?|rising|up)\b|"
                      r"\b(?:it'?s|it\s+is|it\s+gets|it\s+goes|it\s+to\s+get|it\s+getting)\s+light(?:er)?\b",
                      re.IGNORECASE)


def idioms(text: str) -> str:
    """The text with idioms for the dawn said as "sunrise"."""
    return _SUNRISE.sub("sunrise", text)


def purpose(words: list[str], phrases: dict[tuple[str, ...], str], story_verbs: frozenset[str]) -> list[str] | None:
    """"pop the dough in to bake": the story's own verb after "to" at the end names the deed meant."""
    for at in range(2, len(words) - 1):
        if words[at] == "to" and phrases.get(tuple(words[at + 1:])) in story_verbs:
            return words[at + 1:]
    return None
