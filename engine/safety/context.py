"""The last few inputs of one session, held in memory only, so a statement split across inputs is caught."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from engine.safety.tiers import Tier, rank

DEFAULT_TURNS = 2


@dataclass(frozen=True)
class Evidence:
    """What one input earned on its own: the strongest rule tier, and each exemplar category's best score."""

    rule: Tier = "none"
    scores: tuple[tuple[str, float], ...] = ()

    def joined(self, other: Evidence) -> Evidence:
        """The stronger of the two, item by item."""
        merged = dict(self.scores)
        for name, score in other.scores:
            merged[name] = max(score, merged.get(name, score))
        return Evidence(max(self.rule, other.rule, key=rank), tuple(merged.items()))

    def score(self, category: str) -> float:
        """The best score for `category` (0 when never scored)."""
        return dict(self.scores).get(category, 0.0)


@dataclass(frozen=True)
class Remembered:
    """One earlier input and what the detector made of it."""

    text: str
    shown: Tier
    """The tier decided for it (with its own context): what the player was shown."""
    alone: Evidence


@dataclass(frozen=True)
class Window:
    """Earlier inputs joined with the current one, and what a joint judgement must beat."""

    text: str
    shown: int
    """Rank of the strongest tier already shown for any input in the window."""
    parts: Evidence
    """The strongest evidence any earlier input of the window had on its own."""


class CrisisContext:
    """Per-session memory of the last `turns` inputs; never written anywhere, dropped with the session.

    The pipeline owns one per session and passes it to every `CrisisDetector.classify` call; the
    detector reads the windows and remembers the new input itself.
    """

    def __init__(self, turns: int = DEFAULT_TURNS) -> None:
        if turns < 0:
            raise ValueError("turns must be 0 or more")
        self._recent: deque[Remembered] = deque(maxlen=turns)

    def __len__(self) -> int:
        return len(self._recent)

    def windows(self, text: str) -> list[Window]:
        """The current input joined with the last 1, 2, … earlier inputs (oldest first in the text)."""
        found: list[Window] = []
        parts: list[Remembered] = []
        for earlier in reversed(self._recent):
            parts.insert(0, earlier)
            joined = " ".join([*(_as_sentence(p.text) for p in parts), text])
            evidence = Evidence()
            for part in parts:
                evidence = evidence.joined(part.alone)
            found.append(Window(joined, max(rank(p.shown) for p in parts), evidence))
        return found

    def remember(self, text: str, shown: Tier, alone: Evidence) -> None:
        """Keep `text` for the next inputs (the oldest falls out)."""
        if self._recent.maxlen:
            self._recent.append(Remembered(text, shown, alone))

    def clear(self) -> None:
        """Forget everything (a new story, a loaded save)."""
        self._recent.clear()


def _as_sentence(text: str) -> str:
    stripped = text.strip()
    return stripped if stripped[-1:] in {".", "!", "?"} else f"{stripped}."
