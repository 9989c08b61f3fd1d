"""What characters and scenes can say beyond the authored actions: topics, persona, ambient lines (format 1)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict

from engine.story.logic import Cond, Effect, as_list, parse_cond, parse_effect

Conds = Annotated[list[Annotated[Cond, BeforeValidator(parse_cond)]], BeforeValidator(as_list)]
Effects = Annotated[list[Annotated[Effect, BeforeValidator(parse_effect)]], BeforeValidator(as_list)]
Words = Annotated[list[str], BeforeValidator(as_list)]


class Topic(BaseModel):
    """Something a character can be asked or told about: `ask mara about the light` → this reply.

    A topic with no keywords is the character's answer to anything else (free talk)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = ""
    keywords: Words = []
    """Words that select this topic ("light", "lamp", "tom"); matched with light stemming."""
    when: Conds = []
    text: str
    effects: Effects = []
    once: bool = False


def number_topics(entries: object, prefix: str) -> object:
    """Default ids `prefix.N` for topics, so `once` can be remembered in the state."""
    if not isinstance(entries, list):
        return entries if entries is not None else []
    return [{"id": f"{prefix}{i}", **e} if isinstance(e, dict) else e for i, e in enumerate(entries)]
