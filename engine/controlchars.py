"""Which characters may reach the terminal: the one rule shared by rendering (strip) and validation (reject)."""

from __future__ import annotations

import re
import unicodedata

DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn"})
"""Control (Cc), format (Cf: bidi overrides, zero-width marks), surrogate (Cs), unassigned (Cn)."""
KEPT = frozenset({"\n", "\t", "\u200d"})
"""Newline and tab are layout (tab is shown as a space); the zero-width joiner builds emoji sequences."""
_SUSPECT = re.compile(r"[^\n\t\x20-\x7e\u00a0-\u00ac\u00ae-\u0377]")
"""A quick pre-filter: only characters outside this range can be unsafe, so plain text costs one scan."""


def is_dropped(char: str) -> bool:
    """True for a character that rendering removes (and validation rejects in authored text)."""
    return char not in KEPT and unicodedata.category(char) in DROPPED_CATEGORIES


def first_unsafe(text: str) -> tuple[int, str] | None:
    """(index, character) of the first character rendering would remove, or None."""
    for match in _SUSPECT.finditer(text):
        if is_dropped(match.group()):
            return match.start(), match.group()
    return None


def describe_char(char: str) -> str:
    """`U+001B (ESCAPE)`: how an author can find the character."""
    name = unicodedata.name(char, "") or {"\x1b": "ESCAPE", "\x07": "BELL", "\r": "CARRIAGE RETURN"}.get(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
