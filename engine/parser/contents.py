"""What a thing holds names the thing: "the rosemary" is the pot of rosemary, "the water" the bucket of water,
when the story's own text says so ("a cracked pot of rosemary") and nothing else here goes by that word."""

from __future__ import annotations

import re

from engine.core.rules.world import scope
from engine.core.state import GameState
from engine.story.model import Story

_WORD = re.compile(r"[a-z][a-z'-]*")
_PHRASE = re.compile(r"[.,;:!?()]|\s-\s")
_SKIPPED = {"a", "an", "the", "some", "fresh", "old", "full", "filled", "with", "its", "their"}
_FULL = {"full", "filled", "brimming", "topped", "packed", "heaped", "loaded"}
# Words that end what a thing holds: "a pot of rosemary by the back step".
_ENDS = {"in", "on", "by", "at", "with", "and", "that", "which", "sits", "sit", "stands", "stand", "lies", "lie",
         "hangs", "hang", "is", "are", "was", "from", "under", "beside", "near", "for", "to", "against", "of"}


def _texts(story: Story, thing: str) -> list[str]:
    entry = story.items.get(thing)
    if entry is None:
        return []  # people hold nothing by name ("a young man of nineteen")
    here = entry.here if isinstance(entry.here, list) else []
    return [entry.name, entry.description, *([entry.here] if isinstance(entry.here, str) else []),
            *(note.text for note in here), *(note.text for note in entry.notes)]


def held_words(story: Story, thing: str, nouns: set[str]) -> set[str]:
    """Words for what `thing` holds: those after "<its noun> of" (or "full of", "full ... with") in its name,
    description, `here` text and notes, up to the end of that phrase."""
    found: set[str] = set()
    for text in (part for whole in _texts(story, thing) for part in _PHRASE.split(whole.lower())):
        words = _WORD.findall(text)
        for at, word in enumerate(words[:-1]):
            # "full to the neck with paraffin", "filled with sand": what fills it, said with "with".
            filled = word == "with" and bool(set(words[max(0, at - 4):at]) & _FULL)
            if not filled and (word != "of" or at == 0 or (words[at - 1] not in nouns and words[at - 1] != "full")):
                continue
            for after in words[at + 1:at + 5]:
                if after in _ENDS or (len(after) > 4 and after.endswith("ly")):
                    break
                if after not in _SKIPPED:
                    found.add(after.removesuffix("'s"))
    return found


def holder(story: Story, state: GameState, words: list[str], nouns: dict[str, set[str]]) -> str | None:
    """The one thing in reach whose contents `words` name (`nouns`: each thing's own nouns)."""
    if not words:
        return None
    found = [t for t in scope(state) if set(words) <= held_words(story, t, nouns.get(t, set()))]
    return found[0] if len(found) == 1 else None
