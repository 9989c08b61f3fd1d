"""The story's tiny condition/effect language: `has key`, `not door_open`, `trust >= 3`, `set door_open`, `goto hall`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_COMPARE = re.compile(rf"^({_NAME})\s*(>=|<=|==|!=|>|<)\s*(-?\d+)$")
_ASSIGN = re.compile(rf"^({_NAME})\s*(\+=|-=|=)\s*(-?\d+)$")
_WORDS = re.compile(rf"^({_NAME})(?:\s+({_NAME}))?(?:\s+({_NAME}))?$")

CondKind = Literal["flag", "has", "visited", "at", "var"]
EffectKind = Literal["set", "clear", "give", "remove", "place", "goto", "end", "add", "assign"]


class Cond(BaseModel):
    """One condition atom; a `when:` list holds when every atom holds."""

    model_config = ConfigDict(frozen=True)

    kind: CondKind
    name: str
    negate: bool = False
    op: str = ""
    value: int = 0
    source: str = ""

    def __str__(self) -> str:
        return self.source


class Effect(BaseModel):
    """One effect atom, applied in order after an action or choice succeeds."""

    model_config = ConfigDict(frozen=True)

    kind: EffectKind
    name: str
    value: int = 0
    dest: str = ""
    source: str = ""

    def __str__(self) -> str:
        return self.source


COND_HELP = "expected e.g. 'door_open', 'not door_open', 'has key', 'visited hall', 'at hall' or 'trust >= 3'"
EFFECT_HELP = (
    "expected e.g. 'set flag', 'clear flag', 'give item', 'remove item', 'place item scene', "
    "'goto scene', 'end ending', 'trust += 1' or 'trust = 3'"
)


def parse_cond(raw: object) -> Cond:
    """Parse one condition string; a ValueError names the accepted forms."""
    if isinstance(raw, Cond):
        return raw
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"condition must be a non-empty string; {COND_HELP}")
    text = " ".join(raw.split())
    negate = False
    body = text
    if body.startswith("not "):
        negate, body = True, body[4:].strip()
    compare = _COMPARE.match(body)
    if compare and not negate:
        name, op, number = compare.groups()
        return Cond(kind="var", name=name, op=op, value=int(number), source=text)
    words = _WORDS.match(body)
    if words:
        first, second, third = words.groups()
        if third is None and second is not None and first in ("has", "visited", "at"):
            return Cond(kind=first, name=second, negate=negate, source=text)
        if second is None and first not in ("has", "visited", "at", "not"):
            return Cond(kind="flag", name=first, negate=negate, source=text)
    raise ValueError(f"cannot read condition {raw!r}; {COND_HELP}")


def parse_effect(raw: object) -> Effect:
    """Parse one effect string; a ValueError names the accepted forms."""
    if isinstance(raw, Effect):
        return raw
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"effect must be a non-empty string; {EFFECT_HELP}")
    text = " ".join(raw.split())
    assign = _ASSIGN.match(text)
    if assign:
        name, op, number = assign.groups()
        value = int(number)
        if op == "=":
            return Effect(kind="assign", name=name, value=value, source=text)
        return Effect(kind="add", name=name, value=value if op == "+=" else -value, source=text)
    words = _WORDS.match(text)
    if words:
        verb, first, second = words.groups()
        if verb in ("set", "clear", "give", "remove", "goto", "end") and first and not second:
            return Effect(kind=verb, name=first, source=text)
        if verb == "place" and first and second:
            return Effect(kind="place", name=first, dest=second, source=text)
    raise ValueError(f"cannot read effect {raw!r}; {EFFECT_HELP}")


def as_list(raw: object) -> object:
    """Let authors write a single condition or effect without list brackets."""
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return raw
