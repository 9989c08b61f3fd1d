"""A possessive inside one of the story's own phrases: "write tonight's entry" where the story says "write the
entry", "have a slice of Maud's pie" where it says "have a slice" (of the pie)."""

from __future__ import annotations

from collections.abc import Iterator

Phrases = dict[tuple[str, ...], str]


def without_possessive(words: list[str], phrases: Phrases) -> Iterator[list[str]]:
    """The clause without a possessive word, only when what is left is a story phrase of two words or more, whole
    or followed by "of ..." -- so "take Agnes's flask" never becomes a bare "take flask" with any flask."""
    for at in range(1, len(words) - 1):
        if not words[at].endswith(("'s", "s'")):
            continue
        left = [*words[:at], *words[at + 1:]]
        for phrase in phrases:
            size = len(phrase)
            if size >= 2 and tuple(left[:size]) == phrase and (len(left) == size or left[size] == "of"):
                yield left
                return
