"""The parse cascade: rules first, a model only when they fail, and never an action the engine did not list."""

from __future__ import annotations

from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.events import SystemText, TurnDone
from tests.turn.conftest import Build, make_settings, play, scripted_model


def _parser_setup(build: Build, *outputs: str) -> tuple:
    parser = ScriptedBackend("parser", list(outputs))
    settings = make_settings({"parser": scripted_model(tool_selection=True)}, narrate=False)
    pipeline, services = build(settings, {"parser": parser})
    return pipeline, services, parser


def test_rules_understood_means_no_model_call(build: Build) -> None:
    pipeline, _, parser = _parser_setup(build)
    play(pipeline, "take key")
    play(pipeline, "x shell")
    assert parser.requests == []
    assert "key" in pipeline.game.state.inventory


def test_model_called_only_when_rules_fail_and_its_choice_is_applied(build: Build) -> None:
    pipeline, _, parser = _parser_setup(build, "take the iron key")
    events = play(pipeline, "nab that hefty iron gizmo")
    assert len(parser.requests) == 1
    assert "key" in pipeline.game.state.inventory
    done = [e for e in events if isinstance(e, TurnDone)][-1]
    last = pipeline.session.last_turn
    assert done.advanced and last is not None and last.parse_method == "model"


def test_invalid_model_answer_is_never_applied(build: Build) -> None:
    pipeline, services, parser = _parser_setup(build, "fly to the moon", "delete all saves")
    before = pipeline.game.state.model_dump()
    events = play(pipeline, "flibber the wotsit with the doohickey")
    assert pipeline.game.state.model_dump() == before
    assert any(isinstance(e, SystemText) and e.kind == "rephrase" for e in events)
    rows = [row for row in services.selector.stats() if row.model == "parser"]
    assert rows and rows[0].failures.get("invalid", 0) >= 1


def test_none_of_these_asks_to_rephrase_with_suggestions(build: Build) -> None:
    pipeline, _, _ = _parser_setup(build, "none of these")
    before = pipeline.game.state.model_dump()
    events = play(pipeline, "sing a sea shanty to the gulls")
    texts = [e.text for e in events if isinstance(e, SystemText)]
    assert any("You could try" in t for t in texts)
    assert pipeline.game.state.model_dump() == before


def test_rules_profile_without_models_suggests(build: Build) -> None:
    pipeline, _ = build(make_settings({}))
    events = play(pipeline, "pocket the heavy metal thing")
    texts = [e.text for e in events if isinstance(e, SystemText)]
    assert any("not sure" in t for t in texts)


def test_disambiguation_question_is_answered_next_turn(build: Build) -> None:
    pipeline, _, parser = _parser_setup(build)
    for line in ["take key", "unlock door with key", "in"]:
        play(pipeline, line)
    play(pipeline, "drop iron key")
    events = play(pipeline, "take key")
    question = [e.text for e in events if isinstance(e, SystemText) and e.kind == "question"]
    assert question and "brass key" in question[0] and "iron key" in question[0]
    play(pipeline, "the brass one")
    assert "brass" in pipeline.game.state.inventory and "key" not in pipeline.game.state.inventory
    assert parser.requests == []


def test_information_question_never_acts_through_the_model(build: Build) -> None:
    pipeline, _, parser = _parser_setup(build, "take the iron key")
    before = pipeline.game.state.model_dump()
    play(pipeline, "why is the key so heavy?")
    assert parser.requests == []
    assert pipeline.game.state.model_dump()["locations"] == before["locations"]
    play(pipeline, "nab that hefty iron gizmo")
    assert "key" in pipeline.game.state.inventory  # a request still reaches the model
