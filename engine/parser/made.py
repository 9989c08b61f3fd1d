"""A deed named by what it makes: "make a warm drink" is the story's objectless "make" that gives the cocoa."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.rules.known import Known
from engine.core.rules.world import candidate_actions

if TYPE_CHECKING:
    from engine.core.game import Game


def makers(game: Game, options: list[Known], things: set[str]) -> list[Known]:
    """The deeds among `options` without an object whose effects give or bring one of `things` ("brew a tea", "bake
    some bread": the thing is what the deed makes, not what it is done to)."""
    made = {(a.verb, a.obj, a.target): {e.name for e in a.effects if e.kind in ("give", "place")}
            for a in candidate_actions(game.story, game.state)}
    return [k for k in options if k.action.obj is None
            and made.get((k.action.verb, k.action.obj, k.action.target), set()) & things]
