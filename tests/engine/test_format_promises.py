"""Issue 13's format findings: closed exits in "Ways on", `here:` and NPC notes that follow the story, the
quicktest on items carried from the start, tests.yaml `understood`/`asked`, and the state-update gate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.rules.updates import memory_problem
from engine.story import load_story
from engine.storytest import quicktest
from game.cli import main
from tests.parser.conftest import FERRY

WriteStory = Callable[[str], Path]


@pytest.fixture
def ferry_game(write_story: WriteStory) -> Game:
    return Game.new(load_story(write_story(FERRY)), seed=1)


# -- 9. "Ways on", here:, NPC notes ----------------------------------------------------------------------

def test_ways_on_marks_closed_exits_or_uses_the_authors_words(ferry_game: Game) -> None:
    text = ferry_game.look().text
    assert "north to The Deck (closed)" in text
    assert "west, the stuck shed door" in text and "west to The Shed" not in text
    assert "south to The Lane" in text and "(closed)" not in text.split("south to The Lane")[1][:3]
    ferry_game.state.flags["ticket_shown"] = True
    assert "north to The Deck" in ferry_game.look().text and "Deck (closed)" not in ferry_game.look().text


def test_here_text_only_where_the_story_put_the_thing(ferry_game: Game) -> None:
    assert "On the bollard sits a dented oil can." in ferry_game.look().text
    ferry_game.perform(Action(verb="take", obj="oil_can"))
    ferry_game.perform(Action(verb="go", obj="south"))
    ferry_game.perform(Action(verb="drop", obj="oil_can"))
    text = ferry_game.look().text
    assert "bollard" not in text and "You can see an oil can here." in text


def test_here_text_can_follow_the_state(ferry_game: Game) -> None:
    ferry_game.state.scene = "deck"
    assert "The red lantern swings in the wind." in ferry_game.look().text
    ferry_game.state.vars["calm"] = 3
    text = ferry_game.look().text
    assert "The red lantern glows steadily." in text and "swings" not in text


def test_npc_descriptions_carry_notes(ferry_game: Game) -> None:
    assert "holding her ticket" not in ferry_game.perform(Action(verb="examine", obj="girl")).text
    ferry_game.state.flags["stub_returned"] = True
    assert "She is holding her ticket tightly now." in ferry_game.perform(Action(verb="examine", obj="girl")).text


def test_npc_notes_and_here_lists_are_checked(write_story: WriteStory) -> None:
    from engine.story import validate_story

    broken = FERRY.replace("{when: stub_returned, text: She is", "{when: stub_gone, text: She is")
    broken = broken.replace("{when: calm >= 3, text:", "{when: calmness >= 3, text:")
    messages = [p.message for p in validate_story(write_story(broken))]
    assert any("stub_gone" in m for m in messages) and any("calmness" in m for m in messages)


# -- 8. quicktest ------------------------------------------------------------------------------------------

def test_items_carried_from_the_start_are_not_reported(write_story: WriteStory, tiny_text: str) -> None:
    text = tiny_text.replace("items:\n", "items:\n  map: {name: map, description: A map., location: inventory}\n")
    report = quicktest(load_story(write_story(text)))
    assert not any("map" in line for line in report.unreachable), report.unreachable
    assert report.ok
    assert CliRunner().invoke(main, ["test", str(write_story(text))]).exit_code == 0


def test_authored_actions_with_builtin_verbs_are_explored(write_story: WriteStory, tiny_text: str) -> None:
    text = tiny_text.replace("      - verb: ponder", "      - verb: wait\n        text: You wait for the bus.\n"
                             "        once: true\n      - verb: ponder")
    report = quicktest(load_story(write_story(text)))
    assert not any("wait" in line for line in report.unreachable), report.unreachable


# -- 10. tests.yaml understood / asked ------------------------------------------------------------------------

def test_tests_can_check_refusals_and_questions(write_story: WriteStory, tiny_text: str) -> None:
    folder = write_story(tiny_text)
    (folder / "tests.yaml").write_text(
        "tests:\n"
        "  - name: checks\n    steps:\n"
        "      - {do: dance wildly, understood: false, asked: false}\n"
        "      - {do: take key, asked: true, understood: false}\n"
        "      - {do: the red one, understood: true, has: red_key}\n"
        "      - {do: n, understood: true, ok: false}\n"
        "      - {do: inventory, understood: true}\n"
        "  - name: wrong\n    steps:\n      - {do: take red key, understood: false}\n")
    result = CliRunner().invoke(main, ["test", "--no-quicktest", str(folder)])
    assert "PASS checks" in result.output, result.output
    assert "FAIL wrong" in result.output and "expected understood=False" in result.output


# -- 11. state updates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("junk", ["':{'", "':0,'", "", "   ", '{"memory": "tea"}', "zzkq xvt brr", "ok",
                                  "mara_warmth: 3", "<|im_end|>"])
def test_memory_junk_is_rejected(junk: str) -> None:
    assert memory_problem(junk, 160) is not None


@pytest.mark.parametrize("line", ["Sam was kind.", "The player gave Theo his rabbit back.", "“Tom gone,” she said."])
def test_memory_sentences_are_accepted(line: str) -> None:
    assert memory_problem(line, 160) is None


def test_a_proposal_equal_to_now_is_no_change(game: Game) -> None:
    first = game.apply_model_update({"trust": 1, "memory": "Sam was kind"})
    assert first.accepted == {"trust": 1, "memory": "Sam was kind"}
    again = game.apply_model_update({"trust": 1, "memory": "Sam was kind"})
    assert again.accepted == {} and again.rejected == {} and sorted(again.unchanged) == ["memory", "trust"]
    junk = game.apply_model_update({"memory": "':{'"})
    assert "memory" in junk.rejected and game.state.memory == "Sam was kind"
