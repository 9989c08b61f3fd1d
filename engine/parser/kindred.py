"""A built-in reading of words the lexicon also gives one of the story's deeds: "look through lost property" is
the story's search of the box, not only a look at it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.rules.known import Known
from engine.parser.lexicon import verb_synonyms
from engine.parser.result import ParseResult

if TYPE_CHECKING:
    from engine.core.game import Game

Phrases = dict[tuple[str, ...], str]
# Built-in verbs a story's own deed on the same thing may stand behind.
_PLAIN = {"examine", "look", "take"}


def authored_instead(game: Game, known: list[Known], phrases: Phrases, said: list[str],
                     result: ParseResult) -> ParseResult:
    """`result` (a built-in verb read from the phrase `said`, two words or more), or the story's deed on the
    same thing whose verb the lexicon gives for that phrase ("look through" -> search)."""
    action = result.action
    if action is None or action.verb not in _PLAIN or action.obj is None or len(said) < 2:
        return result
    meant = {phrases.get(tuple(s.split())) for s in verb_synonyms(tuple(said))} - {None, action.verb}
    deeds = [k for k in known if k.action.verb in meant and k.action.verb in game.story.story_verbs
             and k.action.obj == action.obj and k.legal]
    return ParseResult(kind="action", action=deeds[0].action) if len(deeds) == 1 else result
