"""Split authored outcome text into what a narrator may retell and what is always shown as authored."""

from __future__ import annotations

from dataclasses import dataclass

# Paragraphs that carry navigation facts; a retelling must never lose them, so they are never narrated.
_STRUCTURAL_PREFIXES = ("Ways on:", "You can see ")


@dataclass(frozen=True)
class SplitText:
    """Title (shown first), prose (may be narrated), structure (shown after the narration)."""

    title: str
    prose: str
    structure: str


def split_outcome(text: str, title: str) -> SplitText:
    """Separate the scene title and the exits/items paragraphs from the prose."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    head = ""
    if paragraphs and paragraphs[0] == title:
        head = paragraphs.pop(0)
    prose = [p for p in paragraphs if not p.startswith(_STRUCTURAL_PREFIXES)]
    structure = [p for p in paragraphs if p.startswith(_STRUCTURAL_PREFIXES)]
    return SplitText(head, "\n\n".join(prose), "\n\n".join(structure))
