"""Petting a character ("pet the cat", "stroke the dog"): their own `talk`, where no deed of the story's is for it."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.rules.world import in_scope
from engine.core.state import GameState
from engine.story.model import Story

# Words of petting an animal; hugging or cuddling a person is no greeting, so never read so ("hug Mara").
_FONDLING = {"pet", "stroke", "pat", "scratch", "tickle", "fuss"}
_ARTICLES = {"the", "a", "an", "old", "little", "poor", "sweet", "lovely", "that", "this", "her", "his"}


def affection(story: Story, state: GameState, words: list[str]) -> Action | None:
    """`talk` with the one character in reach these words fondle by name ("stroke the old dog")."""
    if len(words) < 2 or words[0] not in _FONDLING:
        return None
    whom = " ".join(w for w in words[1:] if w not in _ARTICLES)
    for npc in story.npcs.values():
        if in_scope(state, npc.id) and whom in {n.lower() for n in (npc.name, *npc.aliases)}:
            return Action(verb="talk", obj=npc.id)
    return None
