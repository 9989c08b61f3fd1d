"""Giving and doing said around another verb: "let the boy have the cup" (give the cup to the boy), "give the dog
a pat behind the ears" (pat the dog), "pull on the bell" (ring it), "breath slowly" (a verb spelt as its noun)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from engine.parser.lexicon import singular
from engine.parser.objects import nouns_of
from engine.parser.words import PREPOSITIONS

if TYPE_CHECKING:
    from engine.core.game import Game

Phrases = dict[tuple[str, ...], str]
# What follows the deed in "give the cat a scratch behind the ears": where on it, never another thing acted on.
# Deeds done to someone or something that English gives as a noun ("give the door a shove", "give the cat a
# pat"): a closed class, never deeds without an object ("give Maud the watch" hands her a watch).
_DEEDS = {"pat", "stroke", "scratch", "hug", "cuddle", "kiss", "rub", "tickle", "nudge", "prod", "poke", "push",
          "shove", "pull", "tug", "kick", "shake", "tap", "knock", "squeeze", "wipe", "wash", "clean", "polish",
          "brush", "comb", "stir", "twist", "turn", "wind", "trim", "feed", "fuss", "ring", "call", "bath", "wave"}
_PULLS = {"pull", "tug", "yank", "heave"}
_WHERE = {"behind", "under", "on", "around", "round", "between", "along", "across", "over", "at"}


def handings(words: list[str], phrases: Phrases, nouns: frozenset[str] = frozenset()) -> Iterator[list[str]]:
    """Rewritten clauses for the shapes above; each is parsed like a typed one (`nouns`: the story's names of
    things, which are never a deed given: "give Maud the watch" hands her a watch, never watches her)."""
    if len(words) > 3 and words[0] == "let" and "have" in words[2:-1]:
        # "let Teo have the key": the one who is let have it is given it (never "let go", "let me have").
        at = words.index("have", 2)
        whom, what = words[1:at], words[at + 1:]
        if whom and not set(whom) & {"me", "us", "myself", "go"}:
            yield ["give", *what, "to", *whom]
    if words[0] == "give" and len(words) > 2:
        yield from _deed_given(words, phrases, nouns)
    if words[0] in _PULLS and any(w.endswith("bell") for w in words[1:]):
        # A bell is rung by pulling its rope ("tug on the bell rope"); any other thing pulled is only pulled.
        yield ["ring", *(w for w in words[1:] if w != "on")]
    if len(words) <= 3 and (words[0] + "e",) in phrases and (words[0],) not in phrases:
        # "breath slowly", "bath the dog": the verb spelt as its noun, when the story knows no such verb.
        yield [words[0] + "e", *words[1:]]


def _deed_given(words: list[str], phrases: Phrases, nouns: frozenset[str]) -> Iterator[list[str]]:
    """"give pilot a scratch behind the ears" -> scratch pilot: the noun after the receiver is the deed."""
    for at in range(2, len(words)):
        noun = singular(words[at])
        deed = noun if noun in _DEEDS and not {noun, words[at]} & nouns else None
        after = words[at + 1:]
        if deed is None or deed == "give" or (after and after[0] not in _WHERE):
            continue
        whom = [w for w in words[1:at] if w not in PREPOSITIONS]
        if whom:
            yield [deed, *whom]
        return


def story_nouns(game: Game, portable: bool = False) -> frozenset[str]:
    """Every name of every thing and person in the story (with `portable`, of the things one can carry)."""
    items = game.story.items
    return frozenset(w for thing in game.state.locations if not portable or (thing in items and items[thing].portable)
                     for w in nouns_of(game.story, thing))


def deed_names_a_thing(words: list[str], rest: list[str], nouns: frozenset[str]) -> bool:
    """Whether a light-verb reading ("give the bell a ring" -> ring, the rest the object) took as its deed a word
    that names a thing of the story: "give her the watch" hands over the pocket watch, never keeps the watch."""
    deed = list(words[1:])
    for word in rest:
        if word in deed:
            deed.remove(word)
    return bool(set(deed) & nouns)
