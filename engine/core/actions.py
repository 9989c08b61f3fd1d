"""An engine action: a verb with an optional object and target (ids), whose key is its canonical text."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

DIRECTION_VERB = "go"


class Action(BaseModel):
    """`go north`, `take brass_key`, `use key on door`; objects and targets are story ids."""

    model_config = ConfigDict(frozen=True)

    verb: str
    obj: str | None = None
    target: str | None = None

    def key(self) -> str:
        """Canonical text, e.g. "take brass_key", "use key on door", "go north"."""
        parts = [self.verb]
        if self.obj is not None:
            parts.append(self.obj)
        if self.target is not None:
            parts.extend(("on", self.target))
        return " ".join(parts)

    def __str__(self) -> str:
        return self.key()
