"""The deterministic parser: synonyms, abbreviations, adjectives, pronouns, disambiguation, not understood."""

from __future__ import annotations

import pytest

from engine.core.actions import Action
from engine.core.game import Game
from engine.parser import parse


def key_of(text: str, game: Game) -> str | None:
    result = parse(text, game)
    return result.action.key() if result.action else None


@pytest.mark.parametrize(("text", "expected"), [
    ("n", "go north"), ("go north", "go north"), ("walk n", "go north"), ("North.", "go north"),
    ("l", "look"), ("look", "look"), ("i", "inventory"), ("inv", "inventory"), ("z", "wait"),
    ("x door", "examine door"), ("look at the door", "examine door"), ("inspect door", "examine door"),
    ("get red key", "take red_key"), ("pick up the small red key", "take red_key"),
    ("pick blue key up", "take blue_key"),
    ("grab the blue key", "take blue_key"), ("unlock door with red key", "unlock door on red_key"),
    ("UNLOCK THE DOOR WITH THE RED KEY!", "unlock door on red_key"),
])
def test_commands(game: Game, text: str, expected: str) -> None:
    assert key_of(text, game) == expected


def test_two_matching_objects_ask_which(game: Game) -> None:
    result = parse("take key", game)
    assert result.kind == "question"
    assert result.question == "Which do you mean, the red key or the blue key?"
    assert {a.key() for a in result.candidates} == {"take red_key", "take blue_key"}
    answer = parse("the blue one", game, pending=result)
    assert answer.kind == "action" and answer.action == Action(verb="take", obj="blue_key")


def test_legality_settles_ambiguity(game: Game) -> None:
    game.perform(Action(verb="take", obj="red_key"))
    assert key_of("unlock door with key", game) == "unlock door on red_key"  # only the red key unlocks it
    assert key_of("drop key", game) == "drop red_key"  # only the red key is carried


def test_it_and_them_refer_to_the_last_object(game: Game) -> None:
    assert parse("take it", game).kind == "not_understood"
    game.perform(Action(verb="examine", obj="blue_key"))
    assert key_of("take it", game) == "take blue_key"
    assert key_of("drop them", game) == "drop blue_key"


def test_aliases_and_names(game: Game) -> None:
    game.perform(Action(verb="take", obj="red_key"))
    game.perform(Action(verb="unlock", obj="door", target="red_key"))
    game.perform(Action(verb="go", obj="north"))
    assert key_of("talk to the gardener", game) == "talk sam"
    assert key_of("speak with sam", game) == "talk sam"
    assert key_of("talk", game) == "talk sam"  # the only one to talk to
    assert key_of("take coin", game) == "take coin"


def test_out_of_reach_objects_still_parse_so_the_engine_can_explain(game: Game) -> None:
    result = parse("take the gold coin", game)
    assert result.action == Action(verb="take", obj="coin")
    assert game.perform(result.action).text == "You don't see the gold coin here."


@pytest.mark.parametrize("text", ["dance wildly", "take the unicorn", "go sideways", "xyzzy"])
def test_not_understood_is_the_hook_for_a_model_parser(game: Game, text: str) -> None:
    result = parse(text, game)
    assert result.kind == "not_understood" and result.action is None and result.message


def test_empty(game: Game) -> None:
    assert parse("   ", game).kind == "empty"
    assert parse("the", game).kind == "empty"
