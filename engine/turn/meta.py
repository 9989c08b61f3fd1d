"""Meta commands (save, load, undo, rate, note, hint, help, quit...): handled without models, never advance."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each name maps to its canonical meta command; "i"/"inventory" are included because they never advance time.
_ALIASES: dict[str, str] = {
    "save": "save", "load": "load", "restore": "load", "undo": "undo", "rate": "rate", "note": "note",
    "hint": "hint", "hints": "hint", "help": "help", "?": "help", "quit": "quit", "exit": "quit",
    "q": "quit", "bye": "quit", "inventory": "inventory", "inv": "inventory", "i": "inventory",
    "transcript": "transcript", "saves": "saves", "models": "models",
}
_RATE = re.compile(r"^\s*(?P<rating>[1-5])(?:\s*/\s*5)?\s*(?P<note>.*)$", re.S)
_RATING_WORDS = {"+": 5, "up": 5, "good": 5, "-": 1, "down": 1, "bad": 1}
_NOTE = re.compile(r"^note\s*:\s*(?P<text>\S.*)$", re.S | re.I)
_SLOT = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_GAME_WORDS = {"game", "the game", "my game", "progress", "my progress", "it"}
_NOT_SLOTS = {"the", "a", "an", "my", "me", "us", "you", "her", "him", "them", "this", "that", "some", "all"}
_POLITE = {"please", "now", "thanks"}
_NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "hundred", "half"}


@dataclass(frozen=True)
class MetaCommand:
    """A recognised meta command and its argument text (may be empty)."""

    name: str
    arg: str = ""


@dataclass(frozen=True)
class Rating:
    """A parsed `rate` argument."""

    value: int
    note: str


def parse_meta(text: str) -> MetaCommand | None:
    """The meta command `text` is as a whole command, or None when it is a story command.

    Only whole commands count: `save`, `save slot2`, `quit`, `undo`, `note: TEXT`. A sentence that merely starts
    with one of these words ("I feel lonely", "exit the cabin", "save the cat") belongs to the story."""
    stripped = text.strip().rstrip(".!").strip()
    note = _NOTE.match(stripped)
    if note is not None:
        return MetaCommand("note", note["text"].strip())
    words = stripped.split(maxsplit=1)
    if not words:
        return None
    name = _ALIASES.get(words[0].lower())
    if name is None:
        return None
    arg = words[1].strip() if len(words) > 1 else ""
    if not arg or arg.lower() in _POLITE:
        return MetaCommand(name)
    if name in ("save", "load"):
        if arg.lower() in _GAME_WORDS:
            return MetaCommand(name)
        # A slot is one word of letters, digits, - or _ ("slot2", "before-the-tower"), never "the cat".
        return MetaCommand(name, arg) if _SLOT.match(arg) and arg.lower() not in _NOT_SLOTS else None
    if name == "rate":
        # A rating that is out of range or spelt out ("rate 7", "rate eleven") still meant to rate: say how.
        head = arg.split()[0].lower().strip("/")
        meant = parse_rating(arg) is not None or head.isdigit() or head in _NUMBER_WORDS
        return MetaCommand(name, arg) if meant else None
    return None


def parse_rating(arg: str) -> Rating | None:
    """`4`, `4/5 lovely`, `+`, `down` → a rating; anything else → None."""
    stripped = arg.strip()
    head, _, rest = stripped.partition(" ")
    if head.lower() in _RATING_WORDS:
        return Rating(_RATING_WORDS[head.lower()], rest.strip())
    match = _RATE.match(stripped)
    if match is None:
        return None
    return Rating(int(match["rating"]), match["note"].strip())

