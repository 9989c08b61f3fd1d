"""The tests.yaml format: named scripts of player commands with assertions on the resulting state."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict

from engine.story.logic import as_list


class Expect(BaseModel):
    """Assertions checked after a step; every field is optional."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scene: str | None = None
    has: Annotated[list[str], BeforeValidator(as_list)] = []
    lacks: Annotated[list[str], BeforeValidator(as_list)] = []
    flags: dict[str, bool] = {}
    vars: dict[str, int] = {}
    contains: Annotated[list[str], BeforeValidator(as_list)] = []
    ok: bool | None = None
    ending: str | None = None
    mood_log: list[int] | None = None
    reflections: int | None = None
    understood: bool | None = None
    """Whether the words became something the game acted on: an action (done or refused), a beat answer, or a
    game command. `understood: false` checks that the parser refused a line."""
    asked: bool | None = None
    """Whether the game asked a question back ("Which do you mean...?", "Do you mean...?")."""


def _step_shorthand(raw: object) -> object:
    return {"do": raw} if isinstance(raw, str) else raw


class Step(Expect):
    """One command (`do`), or just a check when `do` is absent."""

    do: str | None = None


class StoryTest(BaseModel):
    """A named script, optionally starting at a scene with a fixed seed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    scene: str | None = None
    seed: int = 1
    steps: list[Annotated[Step, BeforeValidator(_step_shorthand)]]


class TestFile(BaseModel):
    """A story's tests.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tests: list[StoryTest]
