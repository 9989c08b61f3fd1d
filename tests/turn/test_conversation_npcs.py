"""Characters who converse (issue 16, item 4): authored topics first, else a gated in-character model reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.events import NarrationDone, SystemText, TurnDone
from tests.turn.conftest import Build, make_settings, play, scripted_model

STORY = """\
format: 1
id: quay
title: The Quay
version: "1"
author: Test
start: quay
vars:
  trust: {initial: 0, min: 0, max: 3}
items:
  rope: {name: coil of rope, aliases: [rope], description: A coil of wet rope., location: quay}
  net: {name: fishing net, aliases: [net], description: A torn net., location: shed}
npcs:
  ana:
    name: Ana
    aliases: [fisher, woman]
    description: Ana mends a net.
    location: quay
    persona: A fisher of few words, warm under the gruffness.
    knows:
      - The tide turns at midnight.
      - Ana's brother sails the blue boat.
    topics:
      - keywords: [tide, water]
        text: '"Turns at midnight," Ana says.'
      - keywords: [brother, family]
        once: true
        text: '"He sails the blue boat," Ana says, and smiles.'
        effects: [trust += 1]
    talk:
      - {text: Ana nods at you.}
scenes:
  quay:
    title: The Quay
    text: Wet stones and the smell of tar. Boats knock together.
    ambient: [The boats knock together on the dark water.]
    exits: {east: shed}
  shed:
    title: The Shed
    text: A shed full of nets.
    exits: {west: quay}
"""


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """A quay with one character who knows two things."""
    folder = tmp_path / "quay"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder


def _talker(build: Build, *outputs: str) -> tuple:
    npc_model = ScriptedBackend("talker", list(outputs))
    settings = make_settings({"talker": scripted_model(npc_dialogue=True)})
    pipeline, services = build(settings, {"talker": npc_model})
    return pipeline, services, npc_model


def _shown(events: list) -> str:
    return " ".join(e.text for e in events if isinstance(e, NarrationDone | SystemText))


def test_ask_about_an_authored_topic_says_it_and_applies_its_effects_once(build: Build) -> None:
    pipeline, _, npc_model = _talker(build)
    events = play(pipeline, "ask ana about her brother")
    assert "blue boat" in _shown(events) and pipeline.game.state.vars["trust"] == 1
    assert [e for e in events if isinstance(e, TurnDone)][-1].advanced
    assert "Turns at midnight" in _shown(play(pipeline, "ask the fisher about the tide"))
    assert "Turns at midnight" in _shown(play(pipeline, "Ana, when does the water turn?"))
    assert npc_model.requests == []  # authored topics never ask a model
    # Once: the brother topic is not said again, and its effect is not applied twice.
    play(pipeline, "tell ana about my brother")
    assert pipeline.game.state.vars["trust"] == 1


def test_free_talk_gets_an_in_character_reply_that_changes_nothing(build: Build) -> None:
    pipeline, services, npc_model = _talker(build, "Aye, the tide turns at midnight, same as ever.")
    before = pipeline.game.state.model_dump()
    events = play(pipeline, "Ana, what a night it is.")
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert done.source == "model" and 'Ana says, "Aye, the tide turns at midnight' in done.text
    assert pipeline.game.state.model_dump() == before
    assert len(npc_model.requests) == 1 and "The tide turns at midnight." in npc_model.requests[0].messages[-1].content


def test_a_reply_naming_a_fact_outside_knows_is_withdrawn(build: Build) -> None:
    pipeline, services, _ = _talker(build, "My husband drowned in the great storm of the winter.")
    events = play(pipeline, "ana, how are you keeping?")
    shown = _shown(events)
    assert "drowned" not in shown and "Ana listens" in shown
    rows = [r for r in services.selector.stats() if r.model == "talker" and r.task == "npc_dialogue"]
    assert rows and rows[0].failures.get("invalid") == 1


def test_a_model_reply_that_gives_something_is_withdrawn(build: Build) -> None:
    pipeline, _, _ = _talker(build, "Here, take the rope, you have it now.")
    shown = _shown(play(pipeline, "ask ana for the rope"))
    assert "take the rope" not in shown and "rope" not in pipeline.game.state.inventory


def test_a_character_who_is_not_here(build: Build) -> None:
    pipeline, _, npc_model = _talker(build)
    play(pipeline, "e")
    assert "Ana isn't here." in _shown(play(pipeline, "ask ana about the tide"))
    assert npc_model.requests == []
