"""Safe handling of player and model text: strip escapes and control characters, render without
markup, and quote player text as data inside prompts."""

from __future__ import annotations

import json
import re
import unicodedata

from rich.text import Text

# Terminal escape sequences: CSI (ESC [ ... final), OSC / DCS / SOS / PM / APC strings (ended by BEL or
# ESC \, or unterminated), and two-character ESC sequences. Their single-byte C1 forms are control
# characters and go with the rest below.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Control (Cc), format (Cf: bidi overrides, zero-width marks), surrogates (Cs) and unassigned (Cn)
# code points are dropped; newline stays, tab becomes a space. The zero-width joiner stays, because
# emoji sequences need it.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn"})
_KEPT = frozenset({"\n", "\u200d"})
_TABLE_LIMIT = 200_000


class _DropTable(dict[int, int | None]):
    """A str.translate table that decides each code point once (C-speed lookups afterwards)."""

    def __missing__(self, code: int) -> int | None:
        if len(self) >= _TABLE_LIMIT:  # hostile input could otherwise grow it to every code point
            self.clear()
        char = chr(code)
        keep = char in _KEPT or unicodedata.category(char) not in _DROPPED_CATEGORIES
        mapped = code if keep else None
        self[code] = mapped
        return mapped  # not self[code]: another thread may have cleared the table meanwhile


# A pure cache, safe to share: the answer for a code point never changes.
_DROP = _DropTable()
PROMPT_OPEN = "<player_text>"
PROMPT_CLOSE = "</player_text>"


def sanitize_text(text: str, max_chars: int | None = None) -> str:
    """Text with terminal escapes and control characters removed, CR LF as LF, tabs as spaces,
    cut to at most `max_chars` characters (no limit when None)."""
    text = _ANSI.sub("", text.replace("\r\n", "\n").replace("\t", " "))
    clean = text.translate(_DROP)
    if max_chars is not None:
        clean = clean[: max(max_chars, 0)]
    return clean


def literal(text: str) -> Text:
    """Sanitised text as a Rich Text that shows markup such as `[bold]` or `[link=...]` literally.

    Rich and Textual interpret markup only in plain strings; a Text object is never parsed.
    """
    return Text(sanitize_text(text))


def quote_for_prompt(text: str) -> str:
    """Player text as quoted data for a prompt: a JSON string between <player_text> delimiters.

    JSON quoting escapes quotes and newlines, and angle brackets become \\u003c / \\u003e, so the
    text can neither close the delimiters nor start new lines that look like instructions.
    """
    quoted = json.dumps(sanitize_text(text), ensure_ascii=False)
    quoted = quoted.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{PROMPT_OPEN}{quoted}{PROMPT_CLOSE}"
