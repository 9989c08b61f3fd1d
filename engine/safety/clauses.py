"""Splits a long sentence into clauses, so risk carried by one clause is not diluted by the rest."""

from __future__ import annotations

import re

_BREAK = re.compile(r"\s*[,:\u2014\u2013]\s*|\s+-\s+|\s+(?:and then|and|but|so|then|because|cause|cos|coz|though|"
                    r"although|while|after|before|until|til|till|except|plus)\s+", re.IGNORECASE)
MIN_WORDS = 8
"""Sentences shorter than this are judged whole only: their clauses are too short to mean much alone."""
MIN_CLAUSE_WORDS = 3
MAX_CLAUSES = 6
"""At most this many clauses a sentence (the longest kept), so a rambling input stays one small batch."""


def clauses(sentence: str) -> list[str]:
    """The clauses of a long sentence (at least MIN_CLAUSE_WORDS words each); [] when it has fewer than two.

    Each clause is also kept joined with the one after it, because a clause often needs its neighbour
    ("i have the rope in my room" … "for tonight").
    """
    if len(sentence.split()) < MIN_WORDS:
        return []
    parts = [part.strip() for part in _BREAK.split(sentence) if part and part.strip()]
    if len(parts) < 2:
        return []
    single = [part for part in parts if len(part.split()) >= MIN_CLAUSE_WORDS]
    paired = [f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False)
              if len(a.split()) + len(b.split()) < len(sentence.split())]
    return list(dict.fromkeys(single + paired))[:MAX_CLAUSES]  # single clauses first: they are the point
