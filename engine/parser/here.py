"""Words that say the player is where they already are ("stay out here till morning", "sit up here a while")
carry no command: the clause without them."""

from __future__ import annotations

from collections.abc import Iterator

_HERE = (("out", "here"), ("up", "here"), ("down", "here"), ("in", "here"), ("right", "here"), ("here",),
         ("out", "there"), ("up", "there"), ("right", "there"))


def without_here(words: list[str]) -> Iterator[list[str]]:
    """The clause with its first "out here", "up here" ... after the verb taken out."""
    for at in range(1, len(words)):
        for said in _HERE:
            if tuple(words[at:at + len(said)]) == said and len(words) > at + len(said):
                yield [*words[:at], *words[at + len(said):]]
                return
