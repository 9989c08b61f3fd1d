"""General nouns for whatever is in reach: "the grey thing", "the thing in the gully" (the one thing here that the
story's own text puts there), "the bearded guy" (the one person here who fits)."""

from __future__ import annotations

import re

from engine.core.rules.world import scope
from engine.core.state import GameState
from engine.parser.lexicon import stands_for
from engine.story.model import Story

# Nouns that name any thing, and any person.
THING_WORDS = {"thing", "things", "something", "object", "shape", "stuff", "item"}
PERSON_WORDS = {"person", "someone", "somebody", "guy", "chap", "fellow", "bloke", "figure", "stranger",
                "character", "folk", "gent", "dude"}
_WHERE = {"in", "on", "by", "at", "near", "under", "beside", "behind", "inside", "over", "among", "from"}
_WORD = re.compile(r"[a-z][a-z'-]*")
_EMPTY = {"the", "a", "an", "of", "there", "here", "over", "down", "up", "that", "this"}


def generic(story: Story, state: GameState, words: list[str]) -> list[str]:
    """Things in reach that a phrase with a general noun fits: its other words are the thing's own (adjectives,
    names), and words after "in/on/by ..." are where the story's text puts it. Empty when it has no such noun."""
    at = next((i for i, w in enumerate(words) if w in THING_WORDS | PERSON_WORDS), None)
    if at is None:
        return []
    people = words[at] in PERSON_WORDS
    before, after = words[:at], words[at + 1:]
    where = [w for w in after[1:] if w not in _EMPTY] if after[:1] and after[0] in _WHERE else []
    if after and not where:
        return []  # "the thing about Ted": not a place
    found = []
    for thing in scope(state):
        entry = story.npcs.get(thing) if people else story.items.get(thing)
        if entry is None:
            continue
        own = {w.lower() for w in (*entry.adjectives, *entry.name.split(), *entry.aliases)}
        placed = _placed(entry.here, entry.description)
        # "the glinting thing" where the text says something "glints": a word of its own text describes it.
        if not all(stands_for(w, own) or _root(w) in placed for w in before):
            continue
        if where and not all(w.rstrip("s") in placed for w in where):
            continue
        found.append(thing)
    return found


def _root(word: str) -> str:
    """"glinting", "glints", "glinted" -> "glint" (compared with the text's words cut the same way)."""
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[:-len(ending)]
    return word


def _placed(here: object, description: str) -> set[str]:
    """Words the thing's own text says around it ("in the bottom of the gully")."""
    texts = [description, here] if isinstance(here, str) else [description, *(
        getattr(n, "text", "") for n in here)] if isinstance(here, list) else [description]
    words = {w for text in texts for w in _WORD.findall(str(text).lower())}
    return {w.rstrip("s") for w in words} | {_root(w) for w in words}
