"""Going to a person ("find the porter", "go and see Ada"): the first step towards the scene a character is in."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.state import GameState
from engine.parser.routes import first_step
from engine.story.model import Story

# Verbs of seeking someone out, as their first words; what follows is whom.
_SEEKING = (("go", "and", "see"), ("go", "see"), ("go", "and", "find"), ("go", "find"), ("look", "for"),
            ("search", "for"), ("hunt", "for"), ("go", "to"), ("find",), ("see",), ("visit",), ("meet",), ("join",),
            ("seek",))
_ARTICLES = {"the", "a", "an", "old", "young", "mr", "mrs", "ms", "miss", "mister", "that", "this"}


def seeking(story: Story, state: GameState, words: list[str]) -> Action | None:
    """The way towards the one character these words seek, when they are elsewhere (one here is examined)."""
    opening = next((o for o in _SEEKING if tuple(words[:len(o)]) == o and len(words) > len(o)), None)
    if opening is None:
        return None
    whom = " ".join(w for w in words[len(opening):] if w not in _ARTICLES)
    for npc in story.npcs.values():
        names = {n.lower() for n in (npc.name, *npc.aliases)}
        where = state.locations.get(npc.id)
        if whom in names and where in story.scenes and where != state.scene:
            direction = first_step(story, state, {where})
            return Action(verb="go", obj=direction) if direction is not None else None
    return None
