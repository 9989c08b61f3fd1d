"""Words addressed to a character that do a deed of the story's to them ("Dot, here's your pen"), not talk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.rules.known import known_actions
from engine.core.rules.world import candidate_actions
from engine.parser.parse import parse

if TYPE_CHECKING:
    from engine.core.game import Game


def offered_to(text: str, game: Game, who: str) -> bool:
    """Whether the whole line reads as an authored deed, possible now, done to or with `who`."""
    result = parse(text, game)
    action = result.action
    if result.kind != "action" or action is None or who not in (action.obj, action.target):
        return False
    authored = {(a.verb, a.obj, a.target) for a in candidate_actions(game.story, game.state)}
    return (action.verb, action.obj, action.target) in authored and any(
        k.action == action and k.legal for k in known_actions(game.story, game.state))
