"""The parser's vocabulary: verb phrases with synonyms, directions with abbreviations, and filler words."""

from __future__ import annotations

import re

DIRECTIONS = {
    "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "u": "up", "d": "down", "upstairs": "up", "downstairs": "down", "inside": "in", "outside": "out",
    "north": "north", "south": "south", "east": "east", "west": "west", "northeast": "northeast",
    "northwest": "northwest", "southeast": "southeast", "southwest": "southwest", "up": "up", "down": "down",
    "in": "in", "out": "out",
}

# Verb phrases (as word tuples) -> engine verb. Longest phrase wins.
BUILTIN_PHRASES: dict[tuple[str, ...], str] = {
    ("look",): "look", ("l",): "look", ("look", "around"): "look",
    ("examine",): "examine", ("x",): "examine", ("inspect",): "examine", ("check",): "examine",
    ("look", "at"): "examine", ("study",): "examine", ("describe",): "examine", ("read",): "examine",
    ("take",): "take", ("get",): "take", ("grab",): "take", ("pick", "up"): "take", ("pick",): "take",
    ("collect",): "take",
    ("drop",): "drop", ("put", "down"): "drop", ("discard",): "drop", ("set", "down"): "drop",
    ("use",): "use",
    ("talk",): "talk", ("talk", "to"): "talk", ("talk", "with"): "talk", ("speak",): "talk",
    ("speak", "to"): "talk", ("speak", "with"): "talk", ("chat", "with"): "talk", ("chat",): "talk",
    ("greet",): "talk", ("ask",): "talk",
    ("inventory",): "inventory", ("i",): "inventory", ("inv",): "inventory",
    ("wait",): "wait", ("z",): "wait",
    ("help",): "help", ("?",): "help", ("commands",): "help",
    ("go",): "go", ("walk",): "go", ("run",): "go", ("head",): "go", ("move",): "go", ("travel",): "go",
    ("go", "to"): "go",
}

NEEDS_OBJECT = {"examine", "take", "drop", "use", "talk"}
NO_OBJECT = {"look", "inventory", "wait", "help"}
ARTICLES = {"the", "a", "an", "some", "my", "your", "this", "that", "these", "those", "please"}
PREPOSITIONS = ("on", "with", "to", "at", "into", "onto", "in", "under", "from", "about", "for", "over")
PRONOUNS = {"it", "them", "him", "her"}

_PUNCT = re.compile(r"[^\w\s?'-]")


def words_of(text: str) -> list[str]:
    """Lower-case words without punctuation or articles."""
    cleaned = _PUNCT.sub(" ", text.lower()).replace("?", " ? ").strip()
    words = [w for w in cleaned.split() if w not in ARTICLES]
    if len(words) > 1 and words[-1] == "?":
        words.pop()
    return words


def verb_phrases(story_verbs: frozenset[str]) -> dict[tuple[str, ...], str]:
    """Built-in phrases plus the story's own verbs (which win when they clash)."""
    phrases = dict(BUILTIN_PHRASES)
    for verb in story_verbs:
        phrases[tuple(verb.lower().split())] = verb
    return phrases
