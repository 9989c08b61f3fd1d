"""Landmarks that name a way on: the words a scene's own text puts beside a direction ("north to the hut")."""

from __future__ import annotations

import re

from engine.parser.words import fold
from engine.story.model import Story

_CLAUSE = re.compile(r"[.,;:!?]|\band\b|\bbut\b")
_WORD = re.compile(r"[a-z][a-z'-]*")
# Words of a clause that say nothing about the place itself ("the path goes on north to the hut").
_EMPTY = {
    "the", "a", "an", "of", "to", "on", "is", "are", "goes", "go", "leads", "lead", "runs", "run", "lies", "lie",
    "stands", "way", "there", "here", "it", "its", "you", "your", "back", "through", "up", "down", "in", "out",
    "into", "from", "towards", "toward", "onto", "at", "off", "beyond", "further", "again", "away", "over",
    "which", "that", "where", "door", "doorway", "side",
}
# How a scene's prose spells each exit direction.
_SPELLINGS = {
    "north": {"north", "northward", "northwards"}, "south": {"south", "southward", "southwards"},
    "east": {"east", "eastward"}, "west": {"west", "westward"}, "up": {"up", "upstairs"},
    "down": {"down", "downstairs"}, "in": {"in", "inside"}, "out": {"out", "outside"},
    "northeast": {"northeast"}, "northwest": {"northwest"}, "southeast": {"southeast"}, "southwest": {"southwest"},
}
_PARTICLES = {"in", "out", "up", "down"}
_DOORS = {"door", "doorway"}
# Words of an exit's own text about the player, not the way: "You push through ...".
_TELLING = {"you", "your", "yourself", "push", "pull", "step", "walk", "go", "climb", "follow", "make", "take", "find",
            "head", "duck", "squeeze", "slip", "pass", "come", "cross", "leave", "enter", "with", "behind", "for",
            "as", "then", "and", "now", "once", "more", "last", "first", "carefully", "slowly", "quietly", "past"}
# Vehicles and the ways onto them that a scene's prose may set beside the way on.
_STRUCTURES = {"boat", "ship", "ferry", "vessel", "barge", "gangway", "gangplank", "plank", "ramp", "bridge",
               "train", "bus", "tram", "carriage", "coach", "deck", "pier", "jetty", "ladder", "stairs", "steps"}


def exit_landmarks(story: Story, scene_id: str, direction: str, guards: bool = False) -> set[str]:
    """Words the scene's text sets in the same clause as `direction`, when that clause names no other way.

    "The path goes on north to the hut" makes "hut" (and "path") name the way north; "the kitchen east" makes
    "kitchen" name the way east. Clauses naming two directions say nothing certain and are skipped. With
    `guards`, the fixed things that shut the way count too ("try the door")."""
    found = _guards(story, scene_id, direction) if guards else set()
    spellings = _SPELLINGS.get(direction)
    if not spellings:
        return found
    exit_ = story.scenes[scene_id].exits.get(direction)
    # The exit's own listing names it ("closed: north, up the chained gangway"); its refusal is a sentence about
    # anything ("the boathouse hatch is bolted"), so only the vessels and ways on that it mentions count.
    if exit_ is not None:
        found |= {w.removesuffix("'s") for w in _WORD.findall(fold(exit_.closed or ""))
                  if w not in _EMPTY and w not in spellings}
        found |= set(_WORD.findall(fold(exit_.blocked or ""))) & _STRUCTURES
        # What the way itself says when taken ("You push through the swing door into the kitchen") names it.
        found |= {w.removesuffix("'s") for w in _WORD.findall(fold(exit_.text or ""))
                  if (w not in _EMPTY or w in _DOORS) and w not in spellings and w not in _TELLING}
    loose: list[set[str]] = []
    for clause in _CLAUSE.split(fold(story.scenes[scene_id].text)):
        words = _WORD.findall(clause)
        named = _directions(words)
        content = {w.removesuffix("'s") for w in words if w not in _EMPTY and w not in spellings}
        if named == {direction}:
            found |= content
        elif not named:
            loose.append(content)
    # A clause naming no way that shares a landmark with this one names it too: "the ferry waits at the top of
    # the gangway" makes "ferry" the way up the gangway.
    anchors = set(found)
    for content in loose:
        if content & anchors & _STRUCTURES:
            found |= content & _STRUCTURES
    return found


def _guards(story: Story, scene_id: str, direction: str) -> set[str]:
    """Names of the fixed things here that the exit's refusal or listing mentions: the locked green door is
    the way in ("try the door", "go through the door")."""
    exit_ = story.scenes[scene_id].exits.get(direction)
    said = set(_WORD.findall(f"{exit_.blocked or ''} {exit_.closed or ''}".lower())) if exit_ else set()
    found: set[str] = set()
    for item in story.items.values():
        if item.location == scene_id and not item.portable:
            nouns = {item.name.lower().split()[-1], *(a.lower() for a in item.aliases if " " not in a)}
            if nouns & said:
                found |= nouns
    return found


def _directions(words: list[str]) -> set[str]:
    """The ways a clause names. "in", "out", "up", "down" are mostly prepositions in prose ("an axe stands in
    the block"): they name a way only at the clause's end or before "to" ("the front door is out")."""
    found = set()
    for at, word in enumerate(words):
        for direction, spelt in _SPELLINGS.items():
            if word not in spelt:
                continue
            if direction in _PARTICLES and word == direction and words[at + 1:at + 2] not in ([], ["to"]):
                continue
            found.add(direction)
    return found
