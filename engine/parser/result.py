"""What the parser made of a line: an action, a question (with its candidates), or words it did not understand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from engine.core.actions import Action
from engine.core.rules.text import join, the

if TYPE_CHECKING:
    from engine.core.game import Game


class ParseResult(BaseModel):
    """What the parser made of the text; `not_understood` is where a model-based parser may take over."""

    kind: Literal["action", "question", "not_understood", "empty"]
    action: Action | None = None
    question: str | None = None
    candidates: list[Action] = []
    message: str = ""
    """Why it was not understood, in words fit to show the player."""
    lenient: bool = False
    """The reading skipped words it did not know (only ever for actions that lose nothing)."""


def not_understood(message: str) -> ParseResult:
    """Words the rules cannot read, with a message fit to show the player."""
    return ParseResult(kind="not_understood", message=message)


def question(game: Game, opening: str, options: list[Action]) -> ParseResult:
    """"Which do you mean, the red key or the blue key?" over `options`."""
    names = list(dict.fromkeys(the(game.story, a.obj) if a.obj else game.describe(a) for a in options))
    shared = {a.obj for a in options}
    if len(shared) == 1 and None not in shared and len(options) > 1 and all(a.target for a in options):
        # One thing, several things to do it with: "with the key or the crowbar?" (deeds with no object, such as
        # two ways to wait, keep their own descriptions).
        names = list(dict.fromkeys(the(game.story, a.target) for a in options if a.target))
    listing = join(names).replace(" and ", " or ") if len(names) > 1 else "".join(names)
    return ParseResult(kind="question", question=f"{opening}, {listing}?", candidates=options)


class Reworded(list[str]):
    """A clause the parser worded itself ("hand the beans to Arthur" as using them with him): it counts only as a
    deed the story knows here, never as something for the engine to explain."""
