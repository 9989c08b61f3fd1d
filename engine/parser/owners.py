"""Whose a thing is: "Agnes's flask" is the flask the story says is hers, never some other flask or stick."""

from __future__ import annotations

import re

from engine.core.state import GameState
from engine.parser.words import fold
from engine.story.model import Story

_WORD = re.compile(r"[a-z][a-z']*")


def _names(story: Story, npc_id: str) -> set[str]:
    npc = story.npcs[npc_id]
    names = {fold(npc.name), *(fold(a) for a in npc.aliases)}
    return names | {n.split()[-1] for n in names}


def owner_of(story: Story, words: list[str]) -> tuple[str | None, list[str]]:
    """The character a possessive names ("agnes's", "the baker's") and the words without it."""
    for at, word in enumerate(words):
        if not word.endswith(("'s", "s'")):
            continue
        bare = word.removesuffix("'s").removesuffix("'")
        for npc in story.npcs.values():
            if bare in _names(story, npc.id):
                return npc.id, [*words[:at], *words[at + 1:]]
    return None, words


def owned(story: Story, thing: str, owner: str, state: GameState | None = None) -> bool:
    """Whether the story's own words give `thing` to `owner`: its name, adjectives or description say so ("Agnes's
    tartan flask", "dot's" biro, a name tape saying PRIYA), the owner holds it, or it is the owner."""
    if thing == owner or (state is not None and state.locations.get(thing) == owner):
        return True
    entry = story.items.get(thing) or story.npcs.get(thing)
    if entry is None:
        return False
    said = set(_WORD.findall(fold(f"{entry.name} {entry.description} {' '.join(entry.adjectives)}")))
    names = {n for n in _names(story, owner) if " " not in n}
    return any(f"{n}'s" in said or f"{n}s'" in said for n in names) or bool(
        thing in story.items and {fold(story.npcs[owner].name)} & said)


def owner_fits(story: Story, state: GameState, found: list[str], owner: str, noun: str) -> list[str]:
    """What "Priya's mitten" may mean among `found` (the things the words name without the owner): what the story
    gives her; else, what it gives nobody else, unless her own description names such a thing ("Ned, leaning on
    his walking stick": his stick is no item, so "Ned's stick" is not the cane by the shed)."""
    mine = [t for t in found if owned(story, t, owner, state)]
    if mine:
        return mine
    npc = story.npcs[owner]
    own = set(_WORD.findall(fold(f"{npc.description} {npc.here if isinstance(npc.here, str) else ''}")))
    if noun in own or f"{noun}s" in own:
        return []
    others = [n for n in story.npcs if n != owner]
    return [t for t in found if t not in story.npcs and not any(owned(story, t, o, state) for o in others)]
