"""Whom a deed is for or done to: "give her the ticket", "give the cat Pip", "open the gate for him", "swap the
tulips for his matches" (given to whoever holds the matches)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.parser.instruments import pronoun_choices
from engine.parser.objects import Match, things
from engine.parser.owners import owned
from engine.parser.words import PRONOUNS

if TYPE_CHECKING:
    from engine.core.game import Game

# Verbs whose "for" says what the deed is about ("look for Priya", "wait for Mr Shah"), never whom it serves.
_FOR_ITSELF = {"look", "examine", "wait", "watch", "search", "ask", "call", "shout", "listen", "pay", "swap",
               "exchange", "trade", "barter", "buy", "sell", "talk"}
# Verbs of exchanging: what is given goes to whoever holds what one gets for it.
_SWAPPING = {"trade", "swap", "swop", "exchange", "barter"}


def for_someone(game: Game, verb: str, rest: list[str]) -> list[str]:
    """The words without whom the deed is done for ("open the gate for him", "make a cocoa for Priya"): the
    person it is for is no thing it is done with (looking, waiting or asking for someone is another matter)."""
    at = len(rest) - 1 - rest[::-1].index("for") if "for" in rest[1:] else -1
    if at < 1 or verb in _FOR_ITSELF:
        return rest
    whom = rest[at + 1:]
    people = things(game.story, game.state, whom) if whom else "nobody"
    if isinstance(people, str) or not all(m.thing in game.story.npcs for m in people):
        return rest
    return rest[:at]


def person_first(game: Game, words: list[str], verb: str = "") -> list[tuple[Match, Match | None]]:
    """"give her the ticket", "show the girl her ticket": a person, then a thing (the thing is the object)."""
    for cut in range(1, len(words)):
        person: list[Match] | str = things(game.story, game.state, words[:cut])
        if cut == 1 and words[0] in PRONOUNS:
            # "hand him the carrots": every person "him" may mean; the action that exists decides.
            person = [Match(t, True, True) for t in pronoun_choices(game.story, game.state, words[0])] or person
        if isinstance(person, str) or not all(m.thing in game.story.npcs for m in person):
            continue
        item = things(game.story, game.state, words[cut:])
        if not isinstance(item, str):
            return [(i, p) for i in item for p in person]
    return thing_then_person(game, words) if verb == "give" else []


def thing_then_person(game: Game, words: list[str]) -> list[tuple[Match, Match | None]]:
    """"give cat pip" (typed without "to"): a thing, then a person."""
    for cut in range(len(words) - 1, 0, -1):
        person = things(game.story, game.state, words[cut:])
        if isinstance(person, str) or not all(m.thing in game.story.npcs for m in person):
            continue
        item = things(game.story, game.state, words[:cut])
        if not isinstance(item, str) and not any(m.thing in game.story.npcs for m in item):
            return [(i, p) for i in item for p in person]
    return []


def held_by(game: Game, verb: str, wanted: list[str]) -> list[str]:
    """Who holds what a swap is for ("trade the flowers for his matches": Tomas, whose apron the matches are in):
    the person it is with, or whose the story's words say it is."""
    if verb not in _SWAPPING:
        return []
    story, state = game.story, game.state
    holders = {state.locations.get(t) for t in wanted} & set(story.npcs)
    holders |= {n for t in wanted for n in story.npcs if owned(story, t, n, state)}
    return sorted(h for h in holders if h is not None)
