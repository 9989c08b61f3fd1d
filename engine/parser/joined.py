"""Words an "and" joins inside one noun phrase: "the red and white post", "the lost and found"."""

from __future__ import annotations

from engine.parser.words import words_of
from engine.story.model import Story

# Pairs said as one ("jump up and down", "pace back and forth"): never two commands.
PAIRS = {"up and down", "back and forth", "to and fro", "in and out", "round and round", "on and off"}


def joining(story: Story) -> set[str]:
    """The story's adjectives, and its names that hold an "and" ("lost and found"), around which "and" joins."""
    entries = (*story.items.values(), *story.npcs.values())
    names = {" ".join(words_of(n)) for e in entries for n in (e.name, *e.aliases) if " and " in f" {n.lower()} "}
    return {a.lower() for entry in entries for a in entry.adjectives} | names | PAIRS
