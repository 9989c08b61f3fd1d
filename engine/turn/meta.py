"""Meta commands (save, load, undo, rate, note, hint, help, quit...): handled without models, never advance."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each name maps to its canonical meta command; "i"/"inventory" are included because they never advance time.
_ALIASES: dict[str, str] = {
    "save": "save", "load": "load", "restore": "load", "undo": "undo", "rate": "rate", "note": "note",
    "hint": "hint", "hints": "hint", "help": "help", "?": "help", "quit": "quit", "exit": "quit",
    "q": "quit", "inventory": "inventory", "inv": "inventory", "i": "inventory",
    "transcript": "transcript", "saves": "saves", "models": "models",
}
_RATE = re.compile(r"^\s*(?P<rating>[1-5])(?:\s*/\s*5)?\s*(?P<note>.*)$", re.S)
_RATING_WORDS = {"+": 5, "up": 5, "good": 5, "-": 1, "down": 1, "bad": 1}


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
    """The meta command in `text`, or None when it is a story command."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return None
    name = _ALIASES.get(words[0].lower())
    if name is None:
        return None
    return MetaCommand(name, words[1].strip() if len(words) > 1 else "")


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


HELP_TEXT = """\
Type what you want to do in your own words, or use short commands:
  look (l), examine X (x X), go north (n/s/e/w/u/d), take X, drop X, use X on Y, talk to X, wait
Game commands (never change the story):
  inventory (i)   save [slot]   load [slot]   saves   undo   hint   transcript   quit
For playtesters:
  rate 1-5 [note]   rate + / rate -   note TEXT   models (which model served the last turn)"""
