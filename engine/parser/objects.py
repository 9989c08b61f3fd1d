"""Matching noun phrases ("red key", "the red one", "it", "her", "the keeper") to the story's items and NPCs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.core.rules.world import in_scope, scope
from engine.core.state import GameState
from engine.parser.contents import holder
from engine.parser.generic import generic
from engine.parser.lexicon import singular, stands_for
from engine.parser.owners import owned, owner_fits, owner_of
from engine.parser.words import (
    CARRIED_WORDS,
    DIRECTIONS,
    MOTION_FILLER,
    PEOPLE_PRONOUNS,
    POSSESSIVES,
    PREPOSITIONS,
    PRONOUNS,
    fold,
)
from engine.story.model import Story

ONE_WORDS = {"one", "ones"}
_WORD = re.compile(r"[a-z][a-z'-]*")
# Words that are never the noun of a part ("hand it back", "look around"): ways, places, the player's things.
_FUNCTION = {*MOTION_FILLER, *DIRECTIONS, *PREPOSITIONS, *CARRIED_WORDS, "back", "around", "about", "everything",
             "anything", "something", "while", "bit", "moment", "minute", "time", "here", "there", "away", "please"}


@dataclass(frozen=True)
class Match:
    """A thing a noun phrase may mean; `exact` when the phrase is its whole name or an alias."""

    thing: str
    exact: bool
    here: bool


def _names(story: Story, thing: str) -> tuple[str, list[str], list[str]]:
    entry = story.items.get(thing) or story.npcs.get(thing)
    assert entry is not None
    return fold(entry.name), [fold(a) for a in entry.aliases], [fold(a) for a in entry.adjectives]


def nouns_of(story: Story, thing: str) -> set[str]:
    """The words that name `thing` on their own: the last word of its name, its aliases and their last words."""
    name, aliases, _ = _names(story, thing)
    # "mug of cocoa", "tub of fish food": the word before "of" names the thing as much as the last word does.
    heads = {p.split()[p.split().index("of") - 1] for p in (name, *aliases) if "of" in p.split()[1:-1]}
    return {name.split()[-1], *aliases, *(a.split()[-1] for a in aliases), *heads}


def vocabulary_of(story: Story, thing: str) -> set[str]:
    """Every word a phrase for `thing` may use."""
    name, aliases, adjectives = _names(story, thing)
    return set(name.split()) | set(adjectives) | {w for a in aliases for w in a.split()}


def match_things(story: Story, state: GameState, words: list[str], need_noun: bool = True) -> list[Match]:
    """Every item/NPC whose name, aliases and adjectives cover all of `words` (one noun among them, if needed).

    "the red one" is an adjective phrase: with "one" at the end, no noun is needed."""
    if words and words[-1] in ONE_WORDS:
        words, need_noun = words[:-1], False
    if "of" in words[1:-1]:
        words = [w for w in words if w != "of"]  # "the can of oil" is the oil can
    if words[:1] == ["of"]:
        words = words[1:]  # "some of the lavender": the article is gone, its "of" too
    found = []
    for thing in state.locations:
        vocabulary = vocabulary_of(story, thing) | {"of"}
        said = words if set(words) <= vocabulary else _in_words(words, vocabulary)
        if not said:
            continue
        phrase = " ".join(said)
        if need_noun and not nouns_of(story, thing) & set(said) and phrase not in _names(story, thing)[1]:
            continue
        name, aliases, _ = _names(story, thing)
        exact = phrase in (name, thing) or phrase in aliases
        found.append(Match(thing, exact and said == words, in_scope(state, thing)))
    return found


def _in_words(words: list[str], vocabulary: set[str]) -> list[str]:
    """`words` in the thing's own vocabulary (plurals, everyday synonyms, compounds), or [] if one does not fit."""
    mapped = [stands_for(w, vocabulary) for w in words]
    return [m for m in mapped if m is not None] if all(mapped) else []


def narrow(matches: list[Match]) -> list[Match]:
    """Prefer things in reach, then exact names, so "key" means the one here and "lamp" the lamp."""
    if any(m.here for m in matches):
        matches = [m for m in matches if m.here]
    if any(m.exact for m in matches):
        matches = [m for m in matches if m.exact]
    return matches


def pronoun(story: Story, state: GameState, word: str) -> str | None:
    """What "it"/"them"/"him"/"her" points at now: the last thing spoken of while in reach, or the one person here.

    Something no longer in reach drops out: "it" never means what was left behind."""
    last = state.last_object
    if last is not None and in_scope(state, last) and (word not in PEOPLE_PRONOUNS - {"them"} or last in story.npcs):
        return last
    if word in PEOPLE_PRONOUNS:
        people = [t for t in scope(state) if t in story.npcs]
        if len(people) == 1:
            return people[0]
    return None


def things(story: Story, state: GameState, words: list[str]) -> list[Match] | str:
    """What a noun phrase can mean (in-reach things first), or why it means nothing (a message for the player)."""
    if len(words) == 1 and words[0] in PRONOUNS:
        meant = pronoun(story, state, words[0])
        if meant is None:
            return f"I'm not sure what \"{words[0]}\" means here."
        return [Match(meant, True, True)]
    if len(words) > 1 and words[0] in POSSESSIVES:
        words = words[1:]  # "her ticket": the possessive says whose, not which
    whole = [m for m in match_things(story, state, words) if m.exact]
    owner, words = owner_of(story, words) if len(words) > 1 and not whole else (None, words)
    if owner is not None:
        # "Agnes's flask": what the story gives her, else what it gives nobody else ("the stick" is not hers
        # because her own words give her one).
        found = narrow(match_things(story, state, words))
        fits = set(owner_fits(story, state, [m.thing for m in found], owner, words[-1]))
        mine = [m for m in found if m.thing in fits]
        return mine or f"I don't know what \"{' '.join(words)}\" is."
    matches = narrow(match_things(story, state, words))
    if not matches:
        held = holder(story, state, words, {t: nouns_of(story, t) for t in scope(state)})
        if held is not None:
            return [Match(held, False, True)]
        matches = [Match(t, False, True) for t in generic(story, state, words)]
    if not matches:
        shown = " ".join(w for w in words if w not in ONE_WORDS) or " ".join(words)
        return f"I don't know what \"{shown}\" is."
    if not any(m.here for m in matches):
        # "pour the paraffin into the lamp" away from the drum: the paraffin in the can carried, else out of reach.
        held = holder(story, state, words, {t: nouns_of(story, t) for t in scope(state)})
        return [Match(held, False, True)] if held is not None else matches[:1]
    return matches


def described(story: Story, state: GameState, words: list[str]) -> list[str]:
    """The one item in reach whose own description names the part or contents a noun no thing is called by
    means ("snap off the pods" of the bean canes: "long green pods hang among the leaves"); never a word of the
    scene's own text, which names the place ("look out of the window")."""
    noun = words[-1] if words else ""
    scene = story.scenes[state.scene]
    place = set(_WORD.findall(fold(f"{scene.title} {scene.text}")))
    if len(noun) < 4 or noun in _FUNCTION or {noun, singular(noun)} & place or any(
            {noun, singular(noun)} & vocabulary_of(story, t) for t in state.locations):
        return []
    found = [t for t in scope(state) if t in story.items
             and {noun, singular(noun)} & set(_WORD.findall(fold(story.items[t].description)))]
    return found if len(found) == 1 else []


def named_here(story: Story, state: GameState, words: list[str]) -> list[str]:
    """Things in reach that one of `words` names on its own (for readings that skip the words around them)."""
    owner, words = owner_of(story, words)
    said = set(words)
    return [thing for thing in scope(state) if owner is None or owned(story, thing, owner)
            if nouns_of(story, thing) & said or any(stands_for(w, nouns_of(story, thing)) for w in said)]
