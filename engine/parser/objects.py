"""Matching noun phrases ("red key", "it", "the keeper") to the story's items and NPCs."""

from __future__ import annotations

from dataclasses import dataclass

from engine.core.rules.world import in_scope
from engine.core.state import GameState
from engine.story.model import Story


@dataclass(frozen=True)
class Match:
    """A thing a noun phrase may mean; `exact` when the phrase is its whole name or an alias."""

    thing: str
    exact: bool
    here: bool


def _names(story: Story, thing: str) -> tuple[str, list[str], list[str]]:
    entry = story.items.get(thing) or story.npcs.get(thing)
    assert entry is not None
    return entry.name.lower(), [a.lower() for a in entry.aliases], [a.lower() for a in entry.adjectives]


def match_things(story: Story, state: GameState, words: list[str], need_noun: bool = True) -> list[Match]:
    """Every item/NPC whose name, aliases and adjectives cover all of `words` (one noun among them, if needed)."""
    phrase = " ".join(words)
    found = []
    for thing in state.locations:
        name, aliases, adjectives = _names(story, thing)
        name_words = name.split()
        nouns = {name_words[-1], *aliases, *(w for a in aliases for w in a.split()[-1:])}
        vocabulary = set(name_words) | set(adjectives) | {w for a in aliases for w in a.split()}
        if not words or not set(words) <= vocabulary:
            continue
        if need_noun and not nouns & set(words) and phrase not in aliases:
            continue
        exact = phrase == name or phrase in aliases or phrase == thing
        found.append(Match(thing, exact, in_scope(state, thing)))
    return found


def narrow(matches: list[Match]) -> list[Match]:
    """Prefer things in reach, then exact names, so "key" means the one here and "lamp" the lamp."""
    if any(m.here for m in matches):
        matches = [m for m in matches if m.here]
    if any(m.exact for m in matches):
        matches = [m for m in matches if m.exact]
    return matches
