"""Denied deeds ("do not go north", "I don't want to take it") are never done: not by the rules, and not by a
model ranking what the story knows (found on the embedded profile: 3 of 6 denials were acted on)."""

from __future__ import annotations

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.parser.negation import denied
from tests.turn.conftest import Build, build, make_settings, play, scripted_model, story_dir  # noqa: F401


@pytest.mark.parametrize(("text", "expected"), [
    ("do not go north", True),
    ("I won't pick up the shell", True),
    ("please don't take the key", True),
    ("never open the hut", True),
    ("I can't find the key", True),
    ("never mind, take the key", False),
    ("why not take the key", False),
    ("why don't we go north", False),
    ("take the key", False),
    ("knock on the door", False),
])
def test_what_denies_a_deed(text: str, expected: bool) -> None:
    assert denied(text) is expected


@pytest.mark.parametrize("text", ["do not go north", "don't pick up that heavy metal thing",
                                  "I would never take the iron key"])
def test_a_denied_deed_is_never_acted_on_by_a_model(build: Build, text: str) -> None:  # noqa: F811
    parser = ScriptedBackend("parser", ["take the iron key", "go north"])
    settings = make_settings({"parser": scripted_model(tool_selection=True)}, narrate=False)
    pipeline, _ = build(settings, {"parser": parser})
    before = pipeline.game.state.model_dump()
    play(pipeline, text)
    after = pipeline.game.state.model_dump()
    assert after["locations"] == before["locations"] and after["scene"] == before["scene"]
    assert parser.requests == []
