"""The engine: verify -> check -> apply with reasons, beats, undo, facts, legal actions, model updates."""

from __future__ import annotations

from engine.core.actions import Action
from engine.core.game import Game


def unlock_and_go_north(game: Game) -> None:
    assert game.perform(Action(verb="take", obj="red_key")).ok
    assert game.perform(Action(verb="unlock", obj="door", target="red_key")).ok
    assert game.perform(Action(verb="go", obj="north")).ok


def test_action_key_is_canonical() -> None:
    assert Action(verb="take", obj="brass_key").key() == "take brass_key"
    assert Action(verb="use", obj="key", target="door").key() == "use key on door"
    assert Action(verb="go", obj="north").key() == "go north"


def test_illegal_actions_give_reasons_and_change_nothing(game: Game) -> None:
    before = game.state.model_dump()
    cases = {
        Action(verb="go", obj="north"): "The door is locked.",          # check: blocked exit explains itself
        Action(verb="go", obj="west"): "You can't go that way.",        # verify: no such exit
        Action(verb="take", obj="coin"): "You don't see the gold coin here.",  # verify: out of scope
        Action(verb="take", obj="door"): "The door stays where it is.",  # check: not portable
        Action(verb="unlock", obj="door", target="blue_key"): "You can't unlock the door just now.",
        Action(verb="drop", obj="red_key"): "You are not carrying the red key.",
        Action(verb="take", obj="nonsense"): "You don't see that here.",
    }
    for action, reason in cases.items():
        outcome = game.perform(action)
        assert not outcome.ok and outcome.text == reason, action
    assert game.state.model_dump() == before


def test_authored_action_conditions_explain_failure(game: Game) -> None:
    outcome = game.perform(Action(verb="unlock", obj="door", target="red_key"))
    assert not outcome.ok and outcome.text == "You need the right key."
    game.perform(Action(verb="take", obj="red_key"))
    outcome = game.perform(Action(verb="unlock", obj="door", target="red_key"))
    assert outcome.ok and "flag:door_open" in outcome.events and game.state.flags["door_open"]


def test_moving_enters_scene_and_queues_first_visit_beat(game: Game) -> None:
    unlock_and_go_north(game)
    assert game.state.scene == "garden" and game.state.visits["garden"] == 1
    assert game.pending is not None and game.pending.kind == "mood"
    assert not game.answer("nine").ok
    assert game.answer("4").ok
    assert [(m.value, m.scene) for m in game.state.mood_log] == [(4, "garden")]
    game.perform(Action(verb="go", obj="south"))
    game.perform(Action(verb="go", obj="north"))
    assert game.pending is None  # only on first entry


def test_exercise_steps_next_and_stop(game: Game) -> None:
    unlock_and_go_north(game)
    game.answer("skip")
    outcome = game.perform(Action(verb="rest"))
    assert outcome.beat is not None and outcome.beat.kind == "exercise" and "In." in outcome.beat.prompt
    step = game.answer("next")
    assert step.beat is not None and step.beat.prompt == "Out." and step.beat.step == 1
    assert game.answer("next").text == "Well done." and game.pending is None
    game.perform(Action(verb="rest"))
    assert game.answer("stop").ok and game.pending is None


def test_reflection_is_stored_verbatim(game: Game) -> None:
    unlock_and_go_north(game)
    game.answer("skip")
    game.perform(Action(verb="ponder"))
    assert game.answer("My  friends, mostly").ok
    assert game.state.reflections[0].text == "My friends, mostly"


def test_ending(game: Game) -> None:
    unlock_and_go_north(game)
    outcome = game.perform(Action(verb="go", obj="east"))
    assert outcome.ending is not None and outcome.ending.id == "out" and game.ended is not None
    assert game.legal_actions() == []
    assert not game.perform(Action(verb="look")).ok


def test_refusals_are_typed(game: Game) -> None:
    kinds = {
        Action(verb="take", obj="coin"): "not_here",
        Action(verb="unlock", obj="door", target="red_key"): "condition",
        Action(verb="unlock", obj="door", target="blue_key"): "unmatched",
        Action(verb="take", obj="door"): "rule",
    }
    for action, kind in kinds.items():
        outcome = game.perform(action)
        assert not outcome.ok and outcome.refusal == kind, action
    assert game.perform(Action(verb="look")).refusal is None
    assert game.answer("4").refusal == "answer"  # nothing is waiting


def test_a_change_hands_back_the_state_before_it(game: Game) -> None:
    before = game.state.model_dump()
    assert game.perform(Action(verb="take", obj="red_key")).ok
    assert game.previous is not None and game.previous.model_dump() == before
    assert game.previous is not game.state and game.state.inventory == ["red_key"]


def test_talk_effects_and_once(game: Game) -> None:
    unlock_and_go_north(game)
    assert game.perform(Action(verb="talk", obj="sam")).text == "Hello there."
    assert game.perform(Action(verb="talk", obj="sam")).text == "Nice day."
    assert game.state.vars["trust"] == 1


def test_legal_actions_all_succeed(game: Game) -> None:
    legal = game.legal_actions()
    keys = {a.key() for a in legal}
    assert {"take red_key", "take blue_key", "examine door", "look"} <= keys
    assert "go north" not in keys and "unlock door on red_key" not in keys
    for action in legal:
        fresh = Game.from_state(game.story, game.state.model_copy(deep=True))
        assert fresh.perform(action).ok, action


def test_describe_and_facts(game: Game) -> None:
    assert game.describe(Action(verb="take", obj="red_key")) == "take the red key"
    unlock_and_go_north(game)
    assert game.describe(Action(verb="go", obj="east")) == "go east to Gate"
    facts = game.facts()
    assert facts.scene_id == "garden" and facts.items == ["gold coin"] and facts.npcs == ["Sam"]
    assert facts.exits == {"south": "Hall", "east": "Gate"} and facts.inventory == ["red key"]


def test_model_updates_are_bounded(game: Game) -> None:
    schema = game.model_update_schema()
    assert set(schema.model_fields) == {"trust", "memory"}
    result = game.apply_model_update({"trust": 1, "memory": "Sam was kind", "scene": "gate", "door_open": True})
    assert result.accepted == {"trust": 1, "memory": "Sam was kind"}
    assert set(result.rejected) == {"scene", "door_open"}
    result = game.apply_model_update({"trust": 3, "memory": "x" * 21})
    assert "at most 1" in result.rejected["trust"] and "memory" in result.rejected
    assert game.apply_model_update({"trust": 9}).rejected["trust"] == "must be between 0 and 3"
    assert game.state.vars["trust"] == 1 and game.state.scene == "hall"


def test_a_missing_tool_gets_the_author_s_fail_text(game: Game) -> None:
    # stories/README.md promises an action's `fail:` when it cannot happen; a tool left elsewhere is that case,
    # and "You don't see the red key here" would tell the player less than the author's words do.
    game.state.locations["red_key"] = "garden"
    before = game.state.model_dump()
    outcome = game.perform(Action(verb="unlock", obj="door", target="red_key"))
    assert not outcome.ok and outcome.text == "You need the right key."
    assert game.state.model_dump() == before
    # A missing thing (not a tool) is still said plainly.
    assert game.perform(Action(verb="take", obj="coin")).text == "You don't see the gold coin here."
