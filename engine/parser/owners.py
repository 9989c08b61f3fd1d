"""Whose a thing is: "Agnes's flask" is the flask the story says is hers, never some other flask or stick."""

from __future__ import annotations

import re

from engine.parser.words import fold
from engine.story.model import Story

_WORD = re.compile(r"[a-z][a-z']*")


def owner_of(story: Story, words: list[str]) -> tuple[str | None, list[str]]:
    """The character a possessive names ("agnes's", "the baker's") and the words without it."""
    for at, word in enumerate(words):
        if not word.endswith(("'s", "s'")):
            continue
        bare = word.removesuffix("'s").removesuffix("'")
        for npc in story.npcs.values():
            names = {fold(npc.name), *(fold(a) for a in npc.aliases)}
            if bare in names or bare in {n.split()[-1] for n in names}:
                return npc.id, [*words[:at], *words[at + 1:]]
    return None, words


def owned(story: Story, thing: str, owner: str) -> bool:
    """Whether the story's own words give `thing` to `owner`: its name or description says so ("Agnes's tartan
    flask"), or it is the owner."""
    if thing == owner:
        return True
    entry = story.items.get(thing) or story.npcs.get(thing)
    npc = story.npcs[owner]
    if entry is None:
        return False
    said = set(_WORD.findall(fold(f"{entry.name} {entry.description}")))
    names = {fold(npc.name), *(fold(a) for a in npc.aliases)}
    return any(f"{n.split()[-1]}'s" in said or f"{n.split()[-1]}s'" in said for n in names)
