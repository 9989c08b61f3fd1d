"""Safe handling of player and model text: strip escapes and control characters, render without
markup, and quote player text as data inside prompts."""

from __future__ import annotations

import json
import re
import textwrap

from rich.text import Text

from engine.controlchars import is_dropped

# Terminal escape sequences: CSI (ESC [ ... final), OSC / DCS / SOS / PM / APC strings (ended by BEL or
# ESC \, or unterminated), and two-character ESC sequences. Their single-byte C1 forms are control
# characters and go with the rest below.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Which code points are dropped is engine/controlchars.py's rule (shared with `tta validate`): control,
# format (bidi overrides, zero-width marks), surrogate and unassigned ones; newline stays, tab becomes a
# space, and the zero-width joiner stays because emoji sequences need it.
_TABLE_LIMIT = 200_000


class _DropTable(dict[int, int | None]):
    """A str.translate table that decides each code point once (C-speed lookups afterwards)."""

    def __missing__(self, code: int) -> int | None:
        if len(self) >= _TABLE_LIMIT:  # hostile input could otherwise grow it to every code point
            self.clear()
        mapped = None if is_dropped(chr(code)) else code
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


def wrap_plain(text: str, width: int) -> str:
    """Sanitised `text` wrapped to `width` columns, paragraph by paragraph, in linear time.

    textwrap cuts an over-long word by re-slicing the rest each line, which is quadratic (a 5 MB title
    took 86 s); such words are cut into width-sized pieces first, which textwrap then only places.
    """
    lines = []
    for paragraph in sanitize_text(text).split("\n"):
        if len(paragraph) > width > 0:
            pieces = re.sub(rf"\S{{{width + 1},}}", lambda m: _pieces(m.group(), width), paragraph)
            paragraph = textwrap.fill(pieces, width)
        lines.append(paragraph)
    return "\n".join(lines)


def _pieces(word: str, width: int) -> str:
    return " ".join(word[i:i + width] for i in range(0, len(word), width))
