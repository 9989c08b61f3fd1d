"""A story's own multi-word phrases said in other words: "pop the loaves in the oven" where the story's bake is
"put the bread in", "pop it in" where "it" can only be the bread (it is not the oven it goes into)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from engine.parser.lexicon import stands_for, verb_synonyms
from engine.parser.noun_verbs import noun_as_verb
from engine.parser.objects import named_here, nouns_of, pronoun
from engine.parser.words import PREPOSITIONS, PRONOUNS

if TYPE_CHECKING:
    from engine.core.game import Game

Phrases = dict[tuple[str, ...], str]
# Words of a phrase that are no noun a pronoun could stand for.
_FUNCTION = {*PREPOSITIONS, "up", "down", "out", "off", "away", "back", "around", "round", "through", "of", "and"}


def story_phrasings(game: Game, words: list[str], phrases: Phrases) -> Iterator[list[str]]:
    """The clause re-spelt as one of the story's own phrases of two words or more, when each word is the phrase's
    word, its verb's synonym (first word), a plural or everyday synonym of its noun, or a pronoun that can mean it."""
    story_verbs = game.story.story_verbs
    for phrase, verb in phrases.items():
        if verb not in story_verbs or len(phrase) < 2 or len(words) < len(phrase):
            continue
        said, after = words[:len(phrase)], words[len(phrase):]
        if said == list(phrase):
            continue
        if all(_fits(game, at, word, part, after) for at, (word, part) in enumerate(zip(said, phrase, strict=True))):
            yield [*phrase, *after]
    if (words[0],) in phrases and phrases[(words[0],)] in story_verbs:
        yield from noun_as_verb(game, words)


_SAME = ({"in", "into", "inside"}, {"on", "onto"}, {"until", "till", "til", "'til"})


def _fits(game: Game, at: int, word: str, part: str, after: list[str]) -> bool:
    if word == part or any({word, part} <= same for same in _SAME):
        return True
    if at == 0:
        return part in verb_synonyms((word,))
    if part in _FUNCTION or word in _FUNCTION:
        return False
    if word in PRONOUNS:
        # "pop it in the oven": "it" may be the phrase's own noun when it points at nothing here, or at the
        # very thing the clause puts it into (which it cannot be).
        # (only a noun that names a thing: "give it" is never "take shelter")
        meant = pronoun(game.story, game.state, word)
        if meant is None:
            return any(part in nouns_of(game.story, t) for t in game.state.locations)
        return meant in named_here(game.story, game.state, after)
    return stands_for(word, {part}) == part
