"""Urgency tiers of the crisis detector, weakest first: none, check-in, crisis, imminent."""

from __future__ import annotations

from typing import Literal, cast

Tier = Literal["none", "check-in", "crisis", "imminent"]
TIERS: tuple[Tier, ...] = ("none", "check-in", "crisis", "imminent")
"""All tiers, weakest first."""
FIRING: tuple[Tier, ...] = ("check-in", "crisis", "imminent")
"""The tiers that pause the story and show a response."""


def rank(tier: str) -> int:
    """0 for none up to 3 for imminent; raises ValueError for an unknown tier."""
    try:
        return TIERS.index(cast(Tier, tier))
    except ValueError:
        raise ValueError(f"unknown tier {tier!r}; expected one of {list(TIERS)}") from None


def at_least(tier: str, floor: str) -> bool:
    """True if `tier` is `floor` or stronger."""
    return rank(tier) >= rank(floor)
