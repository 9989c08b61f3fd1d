"""What a movement leaves behind: the weather ("get out of the rain" goes in), this place ("get out of this
alley"), where one comes from ("get out of the rain" names no goal), and whom one goes with ("walk with Priya")."""

from __future__ import annotations

from engine.parser.words import MOTION_FILLER
from engine.story.model import Exit

_CUT = {"to", "and", "for", "so", "with", "where", "then", "because"}
# Weather one gets out of by going in.
_WEATHER = {"rain", "cold", "wind", "weather", "snow", "wet", "storm", "drizzle", "downpour", "sleet", "hail", "chill"}


def left_behind(exits: dict[str, Exit], rest: list[str], here: set[str]) -> str | None:
    """Getting out of the weather is going in ("let's get out of the rain"); out of this place where no way is
    called out, the one way on that is not in ("get out of this creepy alley"). `rest`: the words, singular;
    `here`: the words that name this place."""
    if rest[:2] != ["out", "of"] or len(rest) < 3 or "out" in exits:
        return None
    named = {w for w in rest[2:] if w not in MOTION_FILLER and w not in ("this", "here")}
    if named and named <= _WEATHER:
        return "in" if "in" in exits else None
    if not named or rest[-1] not in here:  # (the noun last: "this creepy alley" names the alley)
        return None
    ways = [d for d in exits if d != "in"]
    return ways[0] if len({exits[d].to for d in ways}) == 1 else None


def without_company(rest: list[str]) -> list[str]:
    """The words without whom one goes with: "walk along with Priya to the gate" keeps "to the gate"."""
    kept: list[str] = []
    skipping = False
    for word in rest:
        if skipping and word in _CUT - {"with"}:
            skipping = False
        if word == "with":
            skipping = True
        if not skipping:
            kept.append(word)
    return kept


def without_origin(rest: list[str]) -> list[str]:
    """The words without what is left behind: "get out of the rain" names no goal, "out" stays the way."""
    kept: list[str] = []
    skipping = False
    for at, word in enumerate(rest):
        if skipping and word in _CUT:
            skipping = False
        if not skipping and (word == "from" or word == "of" and rest[at - 1:at] == ["out"]):
            skipping = True
            continue
        if not skipping:
            kept.append(word)
    return kept
