"""Grounding check: narration may only name items, places and characters that the state says are there."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class GroundingResult:
    """Which story entities the narration named although the state does not have them here."""

    absent: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when nothing absent was named."""
        return not self.absent


class GroundingCheck:
    """Knows every entity name in a story; flags narration naming ones not present now."""

    def __init__(self, entity_names: Iterable[str]) -> None:
        # Longest names first so "brass key" is matched before "key".
        self._names = sorted({n.strip().lower() for n in entity_names if n and n.strip()}, key=len, reverse=True)
        self._patterns = {name: re.compile(rf"\b{re.escape(name)}s?\b", re.I) for name in self._names}

    def check(self, narration: str, present: Iterable[str]) -> GroundingResult:
        """Entities named in `narration` that are neither present nor part of a present name."""
        allowed = {p.strip().lower() for p in present if p}
        text = narration
        absent: list[str] = []
        for name in self._names:
            pattern = self._patterns[name]
            if not pattern.search(text):
                continue
            if name in allowed or any(name in other for other in allowed):
                # Blank out matched allowed names so their parts ("key" in "brass key") are not re-flagged.
                text = pattern.sub(" ", text)
                continue
            absent.append(name)
        return GroundingResult(tuple(absent))
