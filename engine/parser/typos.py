"""Typing slips: a word the story does not know, one slip away from exactly one word it does ("tkae", "nroth").

Only slips that keep a word recognisable are mended: two neighbouring letters swapped, one letter missing or
extra when the shorter word has five letters or more ("tiket"), and one letter wrong in words of six letters or
more, so that "bake" is never mended into "take" nor "bring" into "ring". Long direction words may be spelt
as they sound ("upstares"): two edits away, the same first letters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.parser.objects import vocabulary_of
from engine.parser.words import DIRECTIONS, MOTION

if TYPE_CHECKING:
    from engine.core.game import Game

Phrases = dict[tuple[str, ...], str]


def known_words(game: Game, phrases: Phrases) -> set[str]:
    """Every word the parser can use here: verbs, things' names, directions, places."""
    story = game.story
    words = {w for phrase in phrases for w in phrase} | set(DIRECTIONS) | MOTION
    for thing in game.state.locations:
        words |= vocabulary_of(story, thing)
    for scene_id, scene in story.scenes.items():
        words |= set(scene.title.lower().replace("'", " ").split()) | set(scene_id.split("_"))
    return words


def _one_slip(typed: str, word: str) -> bool:
    if typed == word:
        return False
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]]
        return len(diff) == 1 and len(word) >= 6
    longer, shorter = (typed, word) if len(typed) > len(word) else (word, typed)
    # A letter more or less turns short words into other words ("bring" / "ring"): only long ones are mended.
    if len(longer) - len(shorter) != 1 or len(shorter) < 5:
        return False
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def mend(words: list[str], known: set[str]) -> list[str] | None:
    """`words` with each unknown word of four letters or more replaced by the one known word a slip away; None
    when nothing was mended (or a word could mean two known ones)."""
    mended, changed = [], False
    for word in words:
        if word in known or len(word) < 4 or not word.isalpha():
            mended.append(word)
            continue
        near = [k for k in known if abs(len(k) - len(word)) <= 1 and len(k) >= 4 and _one_slip(word, k)]
        if not near and len(word) >= 7:
            near = [d for d in DIRECTIONS if len(d) >= 7 and d[:2] == word[:2] and _distance(word, d) <= 2]
        if len(near) == 1:
            mended.append(near[0])
            changed = True
        else:
            mended.append(word)
    return mended if changed else None


def _distance(a: str, b: str) -> int:
    """Edit distance (letters inserted, deleted or changed) between two words."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]
