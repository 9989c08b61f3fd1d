"""Issue 13's findings on the deterministic layer, one case each, on an inline story nobody tuned on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.rules.known import known_actions
from engine.parser import parse
from engine.turn.meta import MetaCommand, parse_meta

NewGame = Callable[..., Game]


def key_of(text: str, game: Game) -> str | None:
    result = parse(text, game)
    return result.action.key() if result.action else None


# -- 1. meta words start sentences without taking them over --------------------------------------------------

@pytest.mark.parametrize("text", [
    "I feel a bit lonely tonight", "i am tired", "exit the cabin", "quit worrying and go north", "save the cat",
    "load the lantern", "undo the knot", "help the girl", "note the time on the clock", "rate the view",
])
def test_sentences_that_start_with_a_meta_word_are_story_input(text: str) -> None:
    assert parse_meta(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("save", MetaCommand("save")), ("save slot2", MetaCommand("save", "slot2")), ("save game", MetaCommand("save")),
    ("load slot2", MetaCommand("load", "slot2")), ("quit", MetaCommand("quit")), ("exit", MetaCommand("quit")),
    ("Undo.", MetaCommand("undo")), ("help", MetaCommand("help")), ("i", MetaCommand("inventory")),
    ("note: too slow here", MetaCommand("note", "too slow here")), ("rate 4 lovely", MetaCommand("rate", "4 lovely")),
])
def test_whole_meta_commands_still_work(text: str, expected: MetaCommand) -> None:
    assert parse_meta(text) == expected


@pytest.mark.parametrize("text", ["I feel a bit lonely tonight", "i am tired", "I miss my dog"])
def test_i_sentences_never_become_the_inventory(new_game: NewGame, text: str) -> None:
    result = parse(text, new_game())
    assert result.kind == "not_understood" and result.action is None


def test_exit_the_cabin_leaves_it_and_quit_worrying_goes_on(new_game: NewGame) -> None:
    assert key_of("exit the cabin", new_game("cabin")) == "go out"
    assert key_of("quit worrying and go south", new_game()) == "go south"


# -- 2 and 3. verb-only actions: synonyms and fail text ----------------------------------------------------

@pytest.mark.parametrize("text", ["rest", "pause", "breathe"])
def test_synonyms_of_a_verb_only_action_parse(new_game: NewGame, text: str) -> None:
    assert key_of(text, new_game()) == "breathe"


def test_verb_only_fail_text_is_said(new_game: NewGame) -> None:
    game = new_game()
    for text in ("board", "embark"):
        result = parse(text, game)
        assert result.action == Action(verb="board")
        outcome = game.perform(result.action)
        assert not outcome.ok and outcome.text == "You need to show your ticket first."


# -- 4. what the player wants but cannot do yet is known, with the author's refusal -----------------------

def test_known_actions_include_blocked_exits_and_failing_actions(new_game: NewGame) -> None:
    known = {k.action.key(): k for k in known_actions(new_game().story, new_game().state)}
    assert not known["go north"].legal and known["go north"].refusal == "Joss blocks the ramp. 'Ticket first.'"
    assert not known["board"].legal and known["board"].refusal == "You need to show your ticket first."
    assert "go east" not in known  # hidden: no blocked text, so the player is not told it exists
    assert known["show ferry_ticket on joss"].legal


@pytest.mark.parametrize(("text", "refusal"), [
    ("walk up the ramp to the deck", "Ticket first"), ("go to the shed", "stuck fast"), ("board the ferry", "show"),
])
def test_blocked_wording_gets_the_authored_refusal(new_game: NewGame, text: str, refusal: str) -> None:
    game = new_game()
    result = parse(text, game)
    assert result.action is not None
    outcome = game.perform(result.action)
    assert not outcome.ok and refusal in outcome.text


# -- 5. give never becomes drop; sitting down is not a move ------------------------------------------------

@pytest.mark.parametrize("text", ["give her the pink ticket", "give the girl her ticket back",
                                  "hand Ines the stub", "return the pink stub to the child"])
def test_give_to_a_person_is_give(new_game: NewGame, text: str) -> None:
    game = new_game()
    game.perform(Action(verb="take", obj="pink_stub"))
    assert key_of(text, game) == "give pink_stub on girl"


def test_sit_down_and_watch_the_waves_does_not_move(new_game: NewGame) -> None:
    result = parse("sit down and watch the waves", new_game("deck"))
    assert result.action is None


# -- 6. synonyms keep the legality check --------------------------------------------------------------------

def test_a_synonym_picks_the_one_legal_action(new_game: NewGame) -> None:
    game = new_game()
    game.perform(Action(verb="take", obj="pink_stub"))
    assert key_of("show ticket to joss", game) == "show ferry_ticket on joss"
    assert key_of("give ticket to deckhand", game) == "show ferry_ticket on joss"
    assert key_of("give ticket to the girl", game) == "give pink_stub on girl"


# -- 7. "the <adjective> one" anywhere ------------------------------------------------------------------------

def test_the_adjective_one_anywhere(new_game: NewGame) -> None:
    game = new_game()
    assert key_of("take the pink one", game) == "take pink_stub"
    assert key_of("examine the white one", game) == "examine ferry_ticket"


# -- 10. pronouns drop out of scope --------------------------------------------------------------------------

def test_it_no_longer_means_what_was_left_behind(new_game: NewGame) -> None:
    game = new_game()
    game.perform(Action(verb="examine", obj="oil_can"))
    assert key_of("take it", game) == "take oil_can"
    game.perform(Action(verb="go", obj="south"))
    result = parse("take it", game)
    assert result.kind == "not_understood" and "it" in result.message


def test_her_means_the_one_person_here(new_game: NewGame) -> None:
    game = new_game("quay")
    game.perform(Action(verb="go", obj="south"))
    game.perform(Action(verb="go", obj="north"))
    assert key_of("talk to the girl", game) == "talk girl"
    game.perform(Action(verb="talk", obj="girl"))
    assert key_of("talk to her", game) == "talk girl"


# -- movement by name and the way back ---------------------------------------------------------------------

def test_movement_by_place_name_and_the_way_back(new_game: NewGame) -> None:
    game = new_game()
    assert key_of("walk down the lane", game) == "go south"
    game.perform(Action(verb="go", obj="south"))
    assert key_of("go back", game) == "go north"
    assert key_of("head back to the quay", game) == "go north"
