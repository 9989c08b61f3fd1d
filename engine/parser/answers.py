"""The answer to a "which do you mean" question: "the red one" picks the candidate whose thing it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.actions import Action
from engine.parser.objects import match_things

if TYPE_CHECKING:
    from engine.core.game import Game


def answer_question(game: Game, words: list[str], candidates: list[Action]) -> Action | None:
    """Pick the one candidate whose object (or target) the answer names."""
    things = {t for a in candidates for t in (a.obj, a.target) if t}
    named = {m.thing for m in match_things(game.story, game.state, [w for w in words if w != "one"], need_noun=False)}
    chosen = [a for a in candidates if (named & things) and {a.obj, a.target} & named & things]
    distinct = list(dict.fromkeys(chosen))
    if len(distinct) == 1:
        return distinct[0]
    narrowed = [a for a in distinct if a.obj in named] if len(distinct) > 1 else []
    return narrowed[0] if len(narrowed) == 1 else None
