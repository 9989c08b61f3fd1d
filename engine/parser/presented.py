"""Holding a thing out to someone: "here, these are for your wife", "I think this is yours, Priya", "I found your
wallet" -- the one giving deed of the story's that fits, to the person here, with what the player carries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from engine.core.rules.known import Known
from engine.core.rules.world import candidate_actions, in_scope
from engine.core.state import CARRIED
from engine.parser.objects import named_here
from engine.parser.result import ParseResult
from engine.parser.words import words_of

if TYPE_CHECKING:
    from engine.core.game import Game

# Holding out what is pointed at ("here, these are for your wife"), or what is named ("I found your wallet").
_PRESENTING = re.compile(
    r"^(?:here|there you go)\b|\b(?:here's|heres|here is|here are|here you go|here you are|this is for|these are "
    r"for|that's for|this is yours|these are yours|is this yours|are these yours|this yours|i brought you|"
    r"i've brought you|i got you|look who i found|look what i found|i found this|i found these|brought this for|"
    r"got this for)\b")
_NAMING = re.compile(r"\b(?:i found your|i've found your|found your|i brought your|i've got your)\b")
_GIVING = {"give", "hand", "offer", "return", "feed", "present", "pass"}


def presented(game: Game, known: list[Known], text: str) -> ParseResult | None:
    """The deed of giving meant by words that hold something out, when exactly one fits: a deed whose verb is a
    giving one, to a person in reach, of a thing carried (the thing and the person, where named, must be its own)."""
    plain = " ".join(re.findall(r"[a-z']+", text.lower().replace("\u2019", "'")))
    pointing, naming = _PRESENTING.search(plain), _NAMING.search(plain)
    if not pointing and not naming:
        return None
    words = words_of(text)
    story, state = game.story, game.state
    authored = {(a.verb, a.obj, a.target) for a in candidate_actions(story, state)}
    deeds = [k for k in known if k.legal and (k.action.verb, k.action.obj, k.action.target) in authored
             and set(k.verbs) & _GIVING and k.action.target in story.npcs and in_scope(state, k.action.target)
             and state.locations.get(k.action.obj or "") == CARRIED]
    named = set(named_here(story, state, words))
    things = [k for k in deeds if k.action.obj in named] or (deeds if pointing and not named - set(story.npcs) else [])
    people = [k for k in things if k.action.target in named] or things
    return ParseResult(kind="action", action=people[0].action) if len(people) == 1 else None
