"""Boarding and alighting: "board the ferry", "step aboard", "get off the boat" as the way onto or off a vessel."""

from __future__ import annotations

from engine.core.state import GameState
from engine.parser.landmarks import exit_landmarks
from engine.parser.lexicon import noun_synonyms
from engine.parser.words import MOTION_FILLER
from engine.story.model import Exit, Story

BOARDING = {"board", "embark"}
ALIGHTING = {"disembark", "alight"}
# Verbs that board with "on" and alight with "off": "get on the boat", "step off the ferry".
_PLAIN = {"get", "climb", "step", "hop", "jump", "walk", "go", "move", "clamber"}
# What one boards, and the ways onto it.
VESSELS = {"boat", "ship", "ferry", "vessel", "barge", "gangway", "gangplank", "plank", "ramp", "train", "bus",
           "tram", "carriage", "coach", "deck", "aboard", "board", "yacht", "dinghy", "steamer", "launch"}
# Where one alights.
_SHORE = {"pier", "quay", "wharf", "dock", "jetty", "harbour", "harbor", "shore", "land", "ashore", "beach",
          "platform", "island", "landing", "slipway", "quayside", "dockside"}


def _words(words: set[str]) -> set[str]:
    return words | {s for w in words for s in noun_synonyms(w)}


def boards(verb: str, rest: list[str]) -> bool:
    """Whether the words speak of getting on or off: "board", "get on board", "step ashore"."""
    return (verb in BOARDING | ALIGHTING or bool({"aboard", "ashore"} & set(rest))
            or (verb in _PLAIN and rest[:2] == ["on", "board"]))


def boarding(story: Story, state: GameState, exits: dict[str, Exit], verb: str, rest: list[str],
             here: set[str], destinations: dict[str, set[str]]) -> str | None:
    """The way onto (or off) the vessel these words name, when the words name nothing but the vessel or here.

    `here` names the current scene; `destinations` holds each exit's destination words."""
    said = [w for w in rest if w != "back"]  # "get back on the boat" is getting on it
    on = verb in BOARDING or "aboard" in rest or (verb in _PLAIN and said[:1] == ["on"])
    off = verb in ALIGHTING or "ashore" in rest or (verb in _PLAIN and said[:1] == ["off"])
    if on == off:
        return None
    content = {w for w in rest if w not in MOTION_FILLER}
    if any(not _words({w}) & (VESSELS | _SHORE | here) for w in content):
        return None  # something else is named: the ordinary reading decides
    if not content and verb in _PLAIN and "aboard" not in rest and "ashore" not in rest:
        return None  # "get off", "get on with it": no vessel named, so no boarding
    if on:
        ways = [d for d in exits if _words(exit_landmarks(story, state.scene, d, True) | destinations[d]) & VESSELS]
        named = [d for d in ways if content & destinations[d]]  # "get on the barge" beside the boat shed
        ways = named or ways
        return ways[0] if len({exits[d].to for d in ways}) == 1 else None  # "east" and "in" to one deck
    ways = [d for d in exits if destinations[d] & _SHORE]
    if len({exits[d].to for d in ways}) == 1:
        return ways[0]
    if content and content <= here and "out" not in exits and "down" in exits:
        return "down"  # "get off the roof" while on it: down from it
    return "out" if "out" in exits else None
