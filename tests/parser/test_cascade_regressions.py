"""Issue 13's findings on the cascade, through the players' pipeline with a scripted tool-selection model:
refused actions are candidates, risky ones need explicit words, suggestions help, meta words stay in the story."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.core.actions import Action
from engine.inference.backends.scripted import ScriptedBackend
from engine.turn.candidates import candidates
from engine.turn.events import NarrationDone, SystemText, TurnDone
from engine.turn.pipeline import TurnPipeline
from game.factory import Services, build_pipeline, build_services
from tests.turn.conftest import make_settings, scripted_model


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    made: list[Services] = []

    def build(*outputs: str) -> Services:
        parser = ScriptedBackend("parser", list(outputs))
        settings = make_settings({"parser": scripted_model(tool_selection=True)}, narrate=False)
        made.append(build_services(settings=settings, data_dir=tmp_path / f"home{len(made)}",
                                   backends={"parser": parser}, rng_seed=1, use_matcher=False))
        return made[-1]

    yield build  # type: ignore[misc]
    for done in made:
        done.close()


def pipeline_with(services, ferry_dir: Path, *outputs: str) -> TurnPipeline:  # type: ignore[no-untyped-def]
    pipeline = build_pipeline(services(*outputs), ferry_dir, seed=1)
    list(pipeline.opening())
    return pipeline


def texts(pipeline: TurnPipeline, line: str) -> str:
    events = list(pipeline.run(line))
    return "\n".join(e.text for e in events if isinstance(e, SystemText | NarrationDone))


def test_a_blocked_exit_chosen_by_the_model_gives_its_refusal(services, ferry_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pipeline = pipeline_with(services, ferry_dir, "go north to The Deck")
    before = pipeline.game.state.model_dump()
    shown = texts(pipeline, "stroll up that gangplank thing")
    assert "Joss blocks the ramp" in shown
    assert pipeline.game.state.model_dump()["scene"] == before["scene"] == "quay"


def test_a_failing_action_chosen_by_the_model_gives_its_fail_text(services, ferry_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pipeline = pipeline_with(services, ferry_dir, "board")
    # (words the rules do not read: "hop on that boat" is now the rules' own way north, refused by its blocked text)
    assert "You need to show your ticket first." in texts(pipeline, "i wanna be on that boat")


def test_candidates_are_every_known_action_with_a_legal_flag(ferry_dir: Path, new_game) -> None:  # type: ignore[no-untyped-def]
    ranked = candidates(new_game())
    blocked = {c.description: c.refusal for c in ranked if not c.legal}
    assert blocked["go north to The Deck"] == "Joss blocks the ramp. 'Ticket first.'"
    assert blocked["go west to The Shed"] == "The shed door is stuck fast."
    assert ranked[0].legal and all(c.score is None for c in ranked)


def test_give_her_the_ticket_gives_it_and_asks_no_model(services, ferry_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pipeline = pipeline_with(services, ferry_dir, "drop the pink ticket stub")
    pipeline.game.state.locations["pink_stub"] = "inventory"
    list(pipeline.run("give her the pink ticket"))
    assert pipeline.game.state.flags["stub_returned"] and pipeline.game.state.locations["pink_stub"] is None


@pytest.mark.parametrize(("scene", "line", "model_says"), [
    ("quay", "pass her that pink bit of paper", "drop the pink ticket stub"),
    ("deck", "sit down and watch the waves", "go down to The Cabin"),
    # ("get off the ferry" is alighting now, a move the player asked for: tests/parser/test_everyday_wording_3.py)
    ("deck", "I am so done with this ferry", "drop the ferry ticket"),
])
def test_a_model_never_moves_or_drops_without_explicit_words(services, ferry_dir: Path, scene: str, line: str,  # type: ignore[no-untyped-def]
                                                             model_says: str) -> None:
    pipeline = pipeline_with(services, ferry_dir, model_says)
    pipeline.game.state.scene = scene
    pipeline.game.state.locations["pink_stub"] = "inventory"
    before = pipeline.game.state.model_dump()
    events = list(pipeline.run(line))
    assert pipeline.game.state.model_dump() == before
    done = [e for e in events if isinstance(e, TurnDone)][-1]
    assert not done.advanced


def test_an_explicit_move_by_the_model_still_acts(services, ferry_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pipeline = pipeline_with(services, ferry_dir, "go down to The Cabin")
    pipeline.game.state.scene = "deck"
    list(pipeline.run("wander below out of the wind"))
    assert pipeline.game.state.scene == "cabin"


def suggested(shown: str) -> list[str]:
    """The suggestions of a rephrase reply, in order."""
    tail = shown.split("You could try: ", 1)[1]
    return [s.strip() for s in tail.split("\n")[0].rstrip(".").split(";")]


def test_rephrase_suggests_things_here_and_the_way_back(ferry_dir: Path, tmp_path: Path) -> None:
    rules = build_services(settings=make_settings({}), data_dir=tmp_path / "rules", rng_seed=1)
    try:
        pipeline = build_pipeline(rules, ferry_dir, seed=1)
        list(pipeline.opening())
        list(pipeline.run("take the oil can"))
        list(pipeline.run("s"))
        offered = suggested(texts(pipeline, "xyzzy plugh"))
        assert offered[0] == "go north to The Quay"  # the way back first
        assert not any(o.startswith(("drop", "look", "inventory", "help", "wait")) for o in offered), offered
        list(pipeline.run("n"))
        offered = suggested(texts(pipeline, "xyzzy plugh"))
        assert offered[0] in ("take the pink ticket stub", "go south to The Lane"), offered  # lying here / back
        assert not any(o.startswith("drop") for o in offered), offered
    finally:
        rules.close()


def test_meta_words_in_sentences_reach_the_story(ferry_dir: Path, tmp_path: Path) -> None:
    rules = build_services(settings=make_settings({}), data_dir=tmp_path / "rules", rng_seed=1)
    try:
        pipeline = build_pipeline(rules, ferry_dir, seed=1)
        list(pipeline.opening())
        # ("I feel lonely" itself goes to the safety check-in first, which is right; these reach the parser.)
        assert "carrying" not in texts(pipeline, "I wonder where the ferry goes")
        assert "carrying" not in texts(pipeline, "i am curious about the rope")
        pipeline.game.state.scene = "cabin"
        events = list(pipeline.run("exit the cabin"))
        assert not any(isinstance(e, TurnDone) and e.quit for e in events)
        assert pipeline.game.state.scene == "deck"
        list(pipeline.run("save the cat"))
        assert all(row.slot != "the cat" for row in rules.saves.list("ferry"))
    finally:
        rules.close()


def test_synonym_action_and_model_candidates_agree(new_game) -> None:  # type: ignore[no-untyped-def]
    game = new_game()
    keys = {c.action.key() for c in candidates(game)}
    assert "show ferry_ticket on joss" in keys and Action(verb="breathe").key() in keys
