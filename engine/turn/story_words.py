"""The story's own words for what is in reach: what narration may name, and what it must not."""

from __future__ import annotations

from engine.core.game import Game
from engine.turn.grounding_check import GroundingCheck


def aliases_here(game: Game) -> list[str]:
    """Aliases, adjectives and descriptions of the things and characters in reach, which narration may use."""
    story, state = game.story, game.state
    words: list[str] = []
    for thing_id, where in state.locations.items():
        if where not in (state.scene, "inventory"):
            continue
        thing = story.items.get(thing_id) or story.npcs.get(thing_id)
        if thing is not None:
            words.extend([*thing.aliases, *thing.adjectives, thing.description])
    return words


def story_vocabulary(game: Game) -> frozenset[str]:
    """Every word the story itself uses for its things, characters and verbs (lower case)."""
    story = game.story
    phrases: list[str] = [*story.story_verbs]
    for thing in [*story.items.values(), *story.npcs.values()]:
        phrases.extend([thing.name, *thing.aliases, *thing.adjectives])
    for action in story.all_actions():
        phrases.extend(action.synonyms)
    return frozenset(w for p in phrases for w in p.lower().split())


def grounding_for(game: Game) -> GroundingCheck:
    """A grounding check that knows every item, character and place of the story."""
    story = game.story
    names: list[str] = []
    for item in story.items.values():
        names.append(item.name)
    for npc in story.npcs.values():
        names.append(npc.name)
    for scene in story.scenes.values():
        names.append(scene.title)
    return GroundingCheck(names)
