"""The stuff a deed uses, named instead of the deed: "pour the water over the beans", "put water in the can"."""

from __future__ import annotations

from collections.abc import Iterator

from engine.parser.lexicon import VERB_HEADS
from engine.parser.result import Reworded
from engine.parser.words import BUILTIN_PHRASES

Phrases = dict[tuple[str, ...], str]

# Verbs that put a stuff on or into something: the stuff may be the story's own verb ("water", "oil", "charge").
_APPLYING = {"put", "pour", "give", "add", "squirt", "splash", "apply", "drip", "dab", "spray", "sprinkle", "tip",
             "rub", "dribble", "smear", "spread", "drizzle", "slosh", "pump"}
# Verbs that spread a stuff, which may be a thing's name too ("squirt oil into the lock" with an oil can here);
# "give her the float" gives the float, never floats her.
_SPREADING = {"pour", "squirt", "splash", "drip", "dab", "spray", "sprinkle", "rub", "smear", "spread", "drizzle",
              "slosh", "dribble", "apply"}
# Verbs that put a stuff into a container ("put some water in the can": fill it with water).
_POURING = {"put", "pour", "add", "tip", "run", "get", "splash", "slosh", "decant", "ladle", "spoon", "funnel"}
_INTO = {"in", "into", "inside"}
# Verbs that draw a stuff out of where it is kept ("get water from the butt": fill from it).
_DRAWING = {"get", "draw", "fetch", "collect", "take", "run", "pour", "scoop", "pump", "siphon", "drain"}


def substances(words: list[str], phrases: Phrases, story_verbs: frozenset[str], nouns: frozenset[str],
               portable: frozenset[str] = frozenset()) -> Iterator[list[str]]:
    """The clause said as the deed its stuff names, or as filling (`nouns`: the story's names of things;
    `portable`: of those one can carry, which are put in as they are, never poured)."""
    head, rest = words[0], words[1:]
    if head in _APPLYING:
        for at, word in enumerate(rest):
            verb = phrases.get((word,))
            if (verb in story_verbs and word != head and (word,) not in BUILTIN_PHRASES
                    and (word,) not in VERB_HEADS and (head in _SPREADING or word not in nouns)):
                yield Reworded([word, *rest[:at], *rest[at + 1:]])
                break
    if head in _POURING and len(rest) > 2:
        at = next((i for i, w in enumerate(rest) if w in _INTO), 0)
        stuff = rest[:at]
        if 0 < at < len(rest) - 1 and not set(stuff) & portable:
            # A stuff that is no thing fills it; one named like a thing is where the filling comes from
            # ("put paraffin in the can" beside the paraffin drum), which only a filling from there can mean.
            yield Reworded(["fill", *rest[at + 1:], "from" if set(stuff) & nouns else "with", *stuff])
    if head in _DRAWING and "from" in rest[1:-1]:
        at = rest.index("from")
        if not set(rest[:at]) & portable:
            yield Reworded(["fill", *rest[at:]])
