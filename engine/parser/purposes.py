"""Deeds named by what their things are for: "use the key", "fill the trug with beans", "unlock the shed"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from engine.core.rules.known import Known
from engine.core.rules.world import candidate_actions, in_scope
from engine.parser.objects import described, named_here, nouns_of, vocabulary_of
from engine.parser.result import Reworded
from engine.parser.words import fold

if TYPE_CHECKING:
    from engine.core.game import Game

_BUILTIN = {"use", "go", "take", "drop", "examine", "talk", "look", "inventory", "wait", "help"}
_FILLING = {"fill", "load", "pack", "heap", "stuff", "cram", "pile"}
_PUTTING = {"put", "place", "pop", "set", "lay", "tuck", "lower", "settle", "nestle", "move", "bring"}
# Words of a deed that moves a thing somewhere else: the deed a "put X in Y" means when X cannot simply be put.
# Verbs of deeds that put one thing into or onto another.
_PUT_KIND = {"feed", "fill", "load", "stock", "sprinkle", "add", "plant", "insert", "post", "pour", "top", "stuff",
             "pack", "put", "place", "drop", "sow", "scatter", "tip", "pop", "slot", "deposit", "hang", "pin",
             "refill", "restock", "bait", "spoon", "stir", "mix", "tuck"}
_POURING = {"pour", "tip", "sprinkle", "scatter", "drop", "add", "shake", "spoon", "empty", "stick", "insert", "slot",
            "feed"}
_MOVING = {"move", "carry", "relocate", "rehome", "lift", "pick up", "scoop up", "transfer", "shift", "rescue"}
_INTO = {"in", "into", "inside", "on", "onto", "under", "beside", "by", "among"}
# Where the player is or keeps things: "give it to me", "put it in my pocket" move nothing of the story's.
_SELF = {"me", "us", "myself", "ourselves", "pocket", "pockets", "bag", "hand", "hands", "rucksack", "backpack"}
_POCKETS = {"pocket", "pockets", "bag", "rucksack", "backpack", "satchel"}
# Verbs whose deed is done to what shuts a thing: "unlock the shed" is unlocking its padlock.
_FASTENING = {"open", "unlock", "close", "shut", "lock", "unbolt", "unlatch", "unfasten", "undo", "bolt", "latch",
              "fasten", "force", "prise", "pry"}
_GIVING = {"give", "hand", "pass", "offer", "bring", "hand over", "present"}
_WORD = re.compile(r"[a-z][a-z'-]*")


def by_purpose(game: Game, known: list[Known], verb: str, objs: list[str], targets: list[str],
               where: list[str]) -> list[Known]:
    """The authored deeds these things are for (`objs`, `targets`: what the words name; `where`: the words after
    the preposition, naming something or not)."""
    authored = [k for k in known if k.action.verb not in _BUILTIN]
    story, state = game.story, game.state
    objs = [o for o in objs if in_scope(state, o)]
    targets = [t for t in targets if in_scope(state, t)]
    found: list[Known] = []
    if verb in ("use", "try") and objs and not where:
        # "use the key": the deeds it is the tool of ("try the beans" is tasting them, never cooking with them).
        found = [k for k in authored if k.action.target in objs or (verb == "use" and set(objs) & k.needs)]
    if not found and verb in _FILLING and targets:
        # "fill the trug with beans": the deed on the beans that needs the trug.
        found = [k for k in authored if k.action.obj in targets and set(objs) & (k.needs | {k.action.target})]
    if not found and verb in _PUTTING | {"use"} and where:
        # "put the hedgehog in the straw": only where the deed's own text puts it, never into a pocket.
        found = [k for k in authored if k.action.obj in objs and set(k.verbs) & _MOVING
                 and set(where) & _text_words(game, k)]
    if not found and verb in _PUTTING | _POURING and objs and targets:
        # "put some food in the fish tank", "tip the water on the seedlings": the deed done with just these two
        # things, whichever it names as its object ("feed the tank with the food").
        pair = set(objs) | set(targets)
        found = [k for k in authored if k.action.obj in pair and k.action.target in pair
                 and k.action.obj != k.action.target and {w for v in k.verbs for w in v.split()} & _PUT_KIND]
    if not found and verb in _GIVING | {"use"} and targets and all(t in story.npcs for t in targets):
        # "hand the beans to Arthur": the deed here that needs them (never a way on: handing is no going).
        found = [k for k in authored if k.action.obj is None and not k.moves and objs and set(objs) <= k.needs]
    if not found and objs and not targets and verb in _FASTENING:
        # "unlock the shed": the option's own thing says it is on the one named ("a padlock on the shed hasp").
        said = {n for o in objs for n in nouns_of(story, o)}
        found = [k for k in authored if verb in k.verbs and k.action.obj not in objs and k.action.obj in story.items
                 and said & set(_WORD.findall(fold(story.items[k.action.obj].description)))]
    return found


def loosely(game: Game, options: list[Known], words: list[str]) -> list[Known]:
    """The story's own deeds with this verb on a thing the words name only loosely: by a word of its name that is
    not its noun ("unlock the hut" for the hut door), or by a part its description names ("snap off the pods")."""
    story, state = game.story, game.state
    deeds = [k for k in options if k.action.obj is not None and k.action.verb not in _BUILTIN]
    named = [k for k in deeds if set(words) <= vocabulary_of(story, k.action.obj or "")]
    parts = described(story, state, words)
    return named or [k for k in deeds if k.action.obj in parts]


def _text_words(game: Game, known: Known) -> set[str]:
    """The words of the authored text of a known deed."""
    said = [a.text for a in candidate_actions(game.story, game.state)
            if (a.verb, a.obj, a.target) == (known.action.verb, known.action.obj, known.action.target)]
    return set(_WORD.findall(fold(" ".join(said))))


def handed_over(words: list[str]) -> Iterator[list[str]]:
    """"hand the beans to Arthur" where the story has no giving: the beans used with him (the deed they are for)."""
    if words[0] in _GIVING and "to" in words[2:-1]:
        at = words.index("to", 2)
        if set(words[at + 1:]) & _SELF:
            return
        yield Reworded(["use", *words[1:at], "on", *words[at + 1:]])


def placing(game: Game) -> frozenset[str]:
    """Names of the things a deed of putting in uses ("feed the tank" with a synonym "sprinkle"): "put the food in
    the tank" may be that deed, while "put the matches in the cooker" is never lighting it."""
    return frozenset(n for a in candidate_actions(game.story, game.state)
                     if {w for v in a.verbs for w in v.split()} & _PUT_KIND
                     for ref in (a.obj, a.target) if ref is not None and ref in game.state.locations
                     for n in nouns_of(game.story, ref))


def put_somewhere(words: list[str], portable: frozenset[str] = frozenset(),
                  placed: frozenset[str] = frozenset()) -> Iterator[list[str]]:
    """"put the kitten in the straw" where the story has no putting: the kitten used there (the deed moving it);
    a thing one can carry is simply put (`portable`: the names of such things), unless a deed of putting in uses
    both things (`placed`: the names of what such deeds use)."""
    at = next((i for i, w in enumerate(words[2:-1], 2) if w in _INTO), None)
    if words[0] not in _PUTTING or at is None:
        return
    if set(words[at + 1:]) & _POCKETS and set(words[1:at]) & portable:
        yield Reworded(["take", *words[1:at]])  # "put the biscuit in my pocket": taking it
    elif not set(words[at:]) & _SELF and (not set(words[1:at]) & portable or (
            set(words[1:at]) & placed and set(words[at + 1:]) & placed)):
        # (a thing one carries too: "put some food in the tank" is the deed done with both, if there is one)
        yield Reworded(["use", *words[1:at], "in", *words[at + 1:]])


def skippable(game: Game, option: Known, words: list[str]) -> list[str]:
    """`words` without those naming what a verb-only deed needs ("cook the beans") or whom it is done with ("have
    supper with Arthur")."""
    story, state = game.story, game.state
    company = {n for at, w in enumerate(words) if w == "with"
               for thing in named_here(story, state, words[at + 1:]) if thing in story.npcs
               for n in nouns_of(story, thing)}
    used = {n for thing in option.needs for n in nouns_of(story, thing)}
    return [w for w in words if w not in company | used and not (w == "with" and company)]
