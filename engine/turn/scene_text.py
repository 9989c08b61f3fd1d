"""Split authored outcome text into what a narrator may retell and what is always shown as authored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.core.game import Game
from engine.core.rules.text import here_text
from engine.core.rules.world import things_here

# Paragraphs that carry navigation facts; a retelling must never lose them, so they are never narrated.
_STRUCTURAL_PREFIXES = ("Ways on:", "You can see ")


@dataclass(frozen=True)
class SplitText:
    """Title (shown first), prose (may be narrated), structure (shown after the narration)."""

    title: str
    prose: str
    structure: str


def split_outcome(text: str, title: str, fixed: Sequence[str] = ()) -> SplitText:
    """Separate the scene title and the exits/items paragraphs from the prose; `fixed` paragraphs (who and what
    is here, in the author's words) are kept as authored too, so a retelling can never lose or move them."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    head = ""
    if paragraphs and paragraphs[0] == title:
        head = paragraphs.pop(0)
    kept = {line.strip() for line in fixed}
    structural = [p.startswith(_STRUCTURAL_PREFIXES) or p in kept for p in paragraphs]
    prose = [p for p, keep in zip(paragraphs, structural, strict=True) if not keep]
    structure = [p for p, keep in zip(paragraphs, structural, strict=True) if keep]
    return SplitText(head, "\n\n".join(prose), "\n\n".join(structure))


def here_lines(game: Game) -> list[str]:
    """The paragraphs that say who and what is here (a thing's `here:` sentence, "Mara is here.")."""
    story, state = game.story, game.state
    lines: list[str] = []
    for thing in things_here(state):
        here = here_text(story, state, thing)
        if here:
            lines.append(here)
        elif thing in story.npcs:
            lines.append(f"{story.npcs[thing].name} is here.")
    return lines
