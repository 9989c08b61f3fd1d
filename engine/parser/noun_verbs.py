"""A thing's name used as the verb of using it: "radio the coastguard" where the story's radio is in reach and the
story itself says "radio" for calling on it (who is called is no thing of the story's)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from engine.core.rules.world import scope
from engine.parser.lexicon import VERB_HEADS
from engine.parser.objects import nouns_of, vocabulary_of
from engine.parser.words import BUILTIN_PHRASES

if TYPE_CHECKING:
    from engine.core.game import Game

Phrases = dict[tuple[str, ...], str]


def noun_as_verb(game: Game, words: list[str]) -> Iterator[list[str]]:
    """The head word alone, when it is a thing's name here, is no everyday verb ("light", "ring" are: "light the
    candle" never lights the lamp), and the words after it name nothing in the story at all."""
    head, rest = words[0], words[1:]
    if not rest or (head,) in VERB_HEADS or (head,) in BUILTIN_PHRASES:
        return
    story, state = game.story, game.state
    if not any(head in nouns_of(story, thing) for thing in scope(state)):
        return
    every = {w for thing in state.locations for w in vocabulary_of(story, thing)}
    if not set(rest) & every:
        yield [head]
