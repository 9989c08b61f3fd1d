"""Confidence bands (issue 16, item 1): act, confirm, or not an action; risky actions need a higher bar."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.core.actions import Action
from engine.core.game import Game
from engine.story.loader import bundled_stories_root, load_story
from engine.turn.cascade import ParseDecision
from engine.turn.confidence import ConfidenceConfig, band_for, hostile, risk_of
from engine.turn.config import TurnConfig
from engine.turn.offturn import OffTurn

HOSTILE = yaml.safe_load((Path(__file__).parent / "hostile_lines.yaml").read_text(encoding="utf-8"))
BARS = ConfidenceConfig()


@pytest.fixture
def game() -> Game:
    story = load_story(bundled_stories_root() / "lantern_house")
    game = Game.new(story, seed=1)
    game.answer("skip")
    return game


def _at_kitchen_with_lavender(game: Game) -> Game:
    for verb, obj in [("go", "north"), ("open", "latch"), ("go", "north"), ("take", "lavender"), ("go", "north"),
                      ("knock", "front_door"), ("go", "in")]:
        assert game.perform(Action(verb=verb, obj=obj)).ok
    game.answer("skip")
    return game


def test_risk_follows_what_the_action_would_change(game: Game) -> None:
    assert risk_of(game, Action(verb="look")) == "safe"
    assert risk_of(game, Action(verb="go", obj="east")) == "moving"
    _at_kitchen_with_lavender(game)
    assert risk_of(game, Action(verb="give", obj="lavender", target="mara")) == "irreversible"
    assert risk_of(game, Action(verb="drop", obj="lavender")) == "irreversible"
    assert risk_of(game, Action(verb="examine", obj="kettle")) == "safe"


def test_the_bar_rises_with_the_risk(game: Game) -> None:
    look, go = Action(verb="look"), Action(verb="go", obj="east")
    assert band_for(game, look, 0.6, "embedding", BARS).band == "act"
    assert band_for(game, go, 0.6, "embedding", BARS).band == "confirm"
    assert band_for(game, go, 0.95, "embedding", BARS).band == "act"
    assert band_for(game, go, 0.1, "embedding", BARS).band == "none"
    assert band_for(game, go, 0.1, "rules", BARS).band == "act"  # the rules' reading is deterministic
    _at_kitchen_with_lavender(game)
    give = Action(verb="give", obj="lavender", target="mara")
    assert band_for(game, give, 0.8, "model", BARS).band == "confirm"
    assert band_for(game, give, 0.35, "model", BARS).band == "confirm"  # asking changes nothing
    assert band_for(game, give, 0.2, "model", BARS).band == "none"
    breathe = Action(verb="breathe")
    assert band_for(game, breathe, 0.7, "embedding", BARS).band == "confirm"  # a story verb: asked, never run
    assert band_for(game, breathe, 0.5, "embedding", BARS).band == "none"
    assert band_for(game, breathe, 0.95, "embedding", BARS).band == "act"


def test_confirm_then_yes_acts_no_declines_and_anything_else_is_a_new_command(game: Game) -> None:
    off = OffTurn(None, TurnConfig())
    go = Action(verb="go", obj="east")
    asked = off.route("wander over to the pools", game,
                      lambda: ParseDecision("action", go, "embedding", confidence=0.6))
    assert asked.question == "Do you mean: go east to The Tide Pools? (yes or no)"
    yes = off.route("yes", game, lambda: ParseDecision("empty"))
    assert yes.decision is not None and yes.decision.action == go
    off.route("wander over to the pools", game, lambda: ParseDecision("action", go, "embedding", confidence=0.6))
    no = off.route("no", game, lambda: ParseDecision("empty"))
    assert no.reply is not None and no.decision is None
    off.route("wander over to the pools", game, lambda: ParseDecision("action", go, "embedding", confidence=0.6))
    other = off.route("look", game, lambda: ParseDecision("action", Action(verb="look"), "rules"))
    assert other.decision is not None and other.decision.action == Action(verb="look")


def test_a_low_reading_is_answered_in_world_not_performed(game: Game) -> None:
    off = OffTurn(None, TurnConfig())
    route = off.route("sit down on the sand and listen to the waves", game,
                      lambda: ParseDecision("action", Action(verb="go", obj="east"), "embedding", confidence=0.3))
    assert route.decision is None and route.reply is not None and route.reply.in_world


@pytest.mark.parametrize("line", HOSTILE["dev"])
def test_the_development_hostile_lines_are_recognised(line: str) -> None:
    assert hostile(line)


@pytest.mark.parametrize("line", ["take the key", "go north", "ask mara about the light", "set down the stone",
                                  "I feel a bit lonely tonight", "open the gate", "light the lamp"])
def test_ordinary_lines_are_not_hostile(line: str) -> None:
    assert not hostile(line)
