"""Make any text render literally inside a Markdown widget (no headings, links, emphasis or HTML)."""

from __future__ import annotations

import string

from engine.safety.rendering import sanitize_text

# CommonMark lets a backslash escape any ASCII punctuation, so escaping all of it is always safe and,
# being per character, works on streamed fragments too.
_TABLE = str.maketrans({ch: "\\" + ch for ch in string.punctuation})


def escape_markdown(text: str) -> str:
    """`text` sanitised (no terminal escapes or control characters, authored text included) with every
    Markdown-significant character escaped; line breaks are kept."""
    return sanitize_text(text).translate(_TABLE)
