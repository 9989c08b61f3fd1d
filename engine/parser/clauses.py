"""Words around a command that carry none (a reason or purpose after it, a remark before a comma), dawn idioms."""

from __future__ import annotations

import re

from engine.parser.lexicon import VERB_HEADS
from engine.parser.words import BUILTIN_PHRASES, LEADING, NEGATIONS, words_of

# A new command after a comma, opened by a polite or resolving wrapper: the comma starts a clause.
_COMMA_COMMAND = re.compile(r",\s*(?=(?:(?:can|could|may|shall|should)\s+(?:i|we)|i'll|i\s+will|let\s+me|let's|lets|"
                            r"i'd\s+better|i\s+think\s+i'll)\b)", re.IGNORECASE)
# A remark about the player before a comma: "I'm starving, eat the bun", "I'm so cold, light the fire".
_REMARK = re.compile(r"^\s*(?:i'm|im|i\s+am|i\s+feel|we're|i've\s+been)\b[^,]{1,40}(?=,)", re.IGNORECASE)
_VERBS = {head[0] for head in VERB_HEADS} | {phrase[0] for phrase in BUILTIN_PHRASES if len(phrase[0]) > 2}
# What the player says of a thing after naming it, inside a command: "hand the apple I found to its owner".
_TOLD_OF = {("i", "found"), ("i", "picked"), ("you", "lost"), ("you", "dropped"), ("she", "lost"), ("he", "lost"),
            ("they", "lost"), ("i", "got")}
_AFTER_TOLD = {"to", "for", "with", "on", "in", "into", "back", "over"}
# Words that open a reason or purpose for the deed ("because", "so that"; "since", "as" when a subject follows).
_REASONS = {"because", "cos", "coz", "cause", "'cause"}
_THEN_SUBJECT = {"since", "as"}
_SUBJECTS = {"that", "it", "it'll", "it's", "its", "i", "i'm", "i've", "we", "we're", "they", "they're", "he", "she",
             "you", "nothing", "there", "everything", "the", "he's", "she's", "there's"}
# A sentence about the player ("I'm tired so I think I'll sit") keeps its "so": the command is after it.
_TELLING = {"i'm", "im", "i", "we're", "we", "i've"}


def commas(text: str) -> str:
    """The text with a comma before a new command turned into "then" (a clause boundary), unless the remark before
    it denies something ("I'm not hungry, I'll eat later" wants nothing done now). After a remark about the player
    ("I'm starving, eat the bun"), a verb after the comma starts the command too."""
    match = _COMMA_COMMAND.search(text)
    remark = _REMARK.match(text) if match is None else None
    after = words_of(text[remark.end() + 1:]) if remark is not None else []
    commands = bool(after) and (after[0] in _VERBS or any(tuple(after[:len(h)]) == h for h in LEADING))
    if remark is not None and commands and not set(words_of(remark[0])) & NEGATIONS:
        return text[:remark.end()] + " then " + text[remark.end() + 1:]
    if match is None or set(words_of(text[:match.start()])) & NEGATIONS:
        return text
    return text[:match.start()] + " then " + text[match.end():]


def without_reasons(words: list[str]) -> list[str]:
    """The words up to a reason or purpose clause after the command (at least two words of command first), and
    without what the player says of a thing inside it ("give the apple I found to Tom")."""
    if words[:1] and words[0] in _TELLING:
        return words
    for at in range(2, len(words) - 2):
        if tuple(words[at:at + 2]) in _TOLD_OF and words[at + 2] in _AFTER_TOLD:
            words = [*words[:at], *words[at + 2:]]
            break
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
