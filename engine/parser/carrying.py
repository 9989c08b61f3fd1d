"""Carrying a thing somewhere is going there with it: "take the cocoa up to the roof", "bring the lamp down to
the jetty" (only what the player holds, only to a place a way on leads to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.actions import Action
from engine.core.state import CARRIED
from engine.parser.motion import move
from engine.parser.objects import things

if TYPE_CHECKING:
    from engine.core.game import Game

_CARRYING = {"take", "bring", "carry", "lug", "fetch"}
_PARTICLES = {"up", "down", "back", "over", "across", "along", "out", "in"}


def carried_to(game: Game, verb: str, rest: list[str]) -> Action | None:
    """The way to the place named after "to", when the words before it name only things the player carries."""
    if verb not in _CARRYING or "to" not in rest[1:]:
        return None
    at = rest.index("to")
    held = [w for w in rest[:at] if w not in _PARTICLES]
    found = things(game.story, game.state, held) if held else "nothing"
    if isinstance(found, str) or not all(game.state.locations.get(m.thing) == CARRIED for m in found):
        return None
    place = rest[at + 1:]
    if not place or not isinstance(things(game.story, game.state, place), str):
        return None  # "take the cocoa to Ruth": to someone or something, not a place
    return move(game.story, game.state, "go", [*(w for w in rest[:at] if w in _PARTICLES), "to", *place])
