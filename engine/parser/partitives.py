"""A part or an amount of a thing names the thing: "the bit of green glass", "a slice of the pie", "some of the
tea" (the words before "of" say how much, never which thing)."""

from __future__ import annotations

from collections.abc import Iterator

_AMOUNTS = {"bit", "bits", "piece", "pieces", "slice", "slices", "chunk", "lump", "some", "sliver", "wedge",
            "morsel", "scrap", "shard", "fragment", "drop", "splash", "dash", "spot", "handful", "sip", "mouthful",
            "little", "few", "most", "rest", "half"}

_RECEIVERS = {"her", "him", "them", "me", "us"}


def without_amount(words: list[str]) -> Iterator[list[str]]:
    """The clause with its first "bit of", "slice of" ... taken out, right after the verb or the one it is for
    ("offer her the bit of glass"): after a describing word ("that pink bit of paper") the word describes the
    bit, and read onto the thing it could name something else."""
    for at in range(1, len(words) - 2):
        if words[at] in _AMOUNTS and words[at + 1] == "of" and (at == 1 or words[at - 1] in _RECEIVERS):
            yield [*words[:at], *words[at + 2:]]
            return
