"""Typing slips: a word the story does not know, one slip away from exactly one word it does ("tkae", "nroth").

Only slips that keep a word recognisable are mended: two neighbouring letters swapped, one letter missing or
extra when the shorter word has five letters or more ("tiket"), and one letter wrong in words of six letters or
more, so that "bake" is never mended into "take" nor "bring" into "ring". Long direction words may be spelt
as they sound ("upstares"): two edits away, the same first letters."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from engine.core.rules.world import scope
from engine.parser.objects import nouns_of, vocabulary_of
from engine.parser.words import DIRECTIONS, MOTION, fold

if TYPE_CHECKING:
    from engine.core.game import Game

Phrases = dict[tuple[str, ...], str]
_WORD = re.compile(r"[a-z][a-z'-]*")
# Common misspellings of the words commands are made of, too short for the slip rules ("lok", "tye"), in the
# spirit of the everyday lists of common English misspellings.
COMMON_SLIPS = {
    "lok": "look", "lokk": "look", "luk": "look", "loook": "look", "lookk": "look", "tak": "take", "tkae": "take",
    "taek": "take", "tye": "tie", "tei": "tie", "opn": "open", "oepn": "open", "wlak": "walk", "wakl": "walk",
    "tlak": "talk", "tlk": "talk", "giv": "give", "gvie": "give", "pul": "pull", "puhs": "push",
    "psuh": "push", "rign": "ring", "lsiten": "listen", "xamine": "examine", "examin": "examine",
    "exmaine": "examine", "examien": "examine", "exaimne": "examine", "inpsect": "inspect", "seach": "search",
    "serach": "search", "wiat": "wait", "waht": "what", "teh": "the", "hte": "the", "adn": "and", "nad": "and",
    "wiht": "with", "iwth": "with", "ot": "to", "int": "into", "itno": "into", "onot": "onto", "fo": "of",
    "fro": "for", "dwon": "down", "donw": "down", "uo": "up", "otu": "out", "ouy": "out",
    # Direction words, a closed class, in their commonest slips.
    "nrth": "north", "noth": "north", "nort": "north", "nothr": "north", "sowth": "south", "sout": "south",
    "soth": "south", "suoth": "south", "est": "east", "eastt": "east", "wst": "west", "wset": "west",
    "weast": "west",
    # Short everyday verbs in their commonest slips: a vowel left out, a sound spelt as it sounds.
    "wnd": "wind", "lite": "light", "lght": "light", "brethe": "breathe", "breth": "breathe", "opne": "open",
    "upstair": "upstairs", "downstair": "downstairs", "insde": "inside", "outsde": "outside",
    "gve": "give", "giev": "give", "hnad": "hand", "grba": "grab", "pcik": "pick",
    "pikc": "pick", "unlcok": "unlock", "unlok": "unlock", "unlcock": "unlock", "clsoe": "close",
    "shtu": "shut", "wlk": "walk", "rdae": "read", "raed": "read", "fedd": "feed", "fede": "feed", "drpo": "drop",
    "dorp": "drop", "sti": "sit", "entr": "enter", "eneter": "enter",
}


def known_words(game: Game, phrases: Phrases) -> set[str]:
    """Every word the parser can use here: verbs, things' names, directions, places."""
    story = game.story
    words = {w for phrase in phrases for w in phrase} | set(DIRECTIONS) | MOTION
    for thing in game.state.locations:
        words |= vocabulary_of(story, thing)
    for scene_id, scene in story.scenes.items():
        words |= set(fold(scene.title).replace("'", " ").split()) | set(scene_id.split("_"))
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


def nearby_nouns(game: Game) -> set[str]:
    """The names of the things in reach: a short slip ("flor") is mended only into one of these."""
    return {w for thing in scope(game.state) for w in nouns_of(game.story, thing)}


def _vowel_slip(typed: str, word: str) -> bool:
    """One vowel typed for another, the rest the same ("beens" for "beans")."""
    diff = [(a, b) for a, b in zip(typed, word, strict=True) if a != b]
    return len(diff) == 1 and diff[0][0] in "aeiou" and diff[0][1] in "aeiou"


def _dropped_letter(typed: str, word: str) -> bool:
    """A letter left out of a word ("flor" for "flour")."""
    return len(word) == len(typed) + 1 and any(word[:i] + word[i + 1:] == typed for i in range(len(word)))


def story_prose(game: Game) -> set[str]:
    """Every word of the story's own prose (scenes, things, people): a word the story itself writes is no slip
    ("the floor" is never the flour, "the hedge" never the hedgie)."""
    story = game.story
    texts = [f"{s.title} {s.text}" for s in story.scenes.values()]
    texts += [f"{e.name} {e.description}" for e in (*story.items.values(), *story.npcs.values())]
    return set(_WORD.findall(fold(" ".join(texts))))


def mend(words: list[str], known: set[str], nearby: set[str] | frozenset[str] = frozenset(),
         prose: set[str] | frozenset[str] = frozenset()) -> list[str] | None:
    """`words` with each unknown word of four letters or more replaced by the one known word a slip away; None
    when nothing was mended (or a word could mean two known ones).

    A four-letter word missing one letter is mended only into the name of a thing in reach (`nearby`), and only
    when no other known word is that close: "take flor" beside the flour, never "bake" into "brake"."""
    mended, changed = [], False
    for word in words:
        common = COMMON_SLIPS.get(word)
        if word not in known and common is not None:
            mended.append(common)
            changed = True
            continue
        if word in known or word in prose or len(word) < 3 or not word.isalpha():
            mended.append(word)
            continue
        near = [k for k in known if abs(len(k) - len(word)) <= 1 and len(k) >= 4 and _one_slip(word, k)]
        if not near and len(word) == 4:
            close = [k for k in known if _dropped_letter(word, k)]
            near = close if len(close) == 1 and close[0] in nearby else []
        if not near and len(word) == 5 and word.endswith("s"):
            # One vowel wrong in a plural of five letters ("beens"): only into the one name of a thing in reach
            # ("the floor" is no slip for the flour).
            close = [k for k in known if len(k) == 5 and k.endswith("s") and _vowel_slip(word, k)]
            near = close if len(close) == 1 and close[0] in nearby else []
        if not near:
            # A key held down too long: "grabb", "cafee", "poool"; or a double letter typed once ("fil").
            single = {word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1]}
            single |= {word[:i + 1] + word[i] + word[i + 1:] for i in range(len(word)) if word[i].isalpha()}
            near = sorted(single & known) if len(single & known) == 1 else []
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
