"""`tta play --plain`: scripted and piped play, author start scenes, and meta commands (undo/save/load)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from game.bench.engine_bench import run_engine_bench
from engine.plain_loop import CommandRunner
from engine.saves import SaveStore
from engine.story.loader import bundled_stories_root
from engine.core.game import Game
from game.cli import main

SAMPLE = bundled_stories_root() / "lantern_house"


def test_play_from_a_script(tmp_path: Path) -> None:
    script = tmp_path / "moves.txt"
    script.write_text("# a comment\nskip\ns\nboard ferry\n")
    result = CliRunner().invoke(main, ["play", "--plain", "--profile", "rules", "--seed", "3", "--script", str(script)])
    assert result.exit_code == 0, result.output
    assert "> board ferry" in result.output and "The Long Way Home" in result.output


def test_play_piped_from_stdin_at_a_chosen_scene() -> None:
    result = CliRunner().invoke(main, ["play", str(SAMPLE), "--plain", "--profile", "rules", "--scene", "harbour"], input="look\nquit\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("The Harbour") >= 2 and "Goodbye" in result.output


def test_unknown_scene_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["play", "--plain", "--profile", "rules", "--scene", "moon"], input="")
    assert result.exit_code == 1 and "unknown scene 'moon'" in result.output


def test_meta_commands(tmp_path: Path, game: Game) -> None:
    runner = CommandRunner(game, SaveStore(tmp_path))
    runner.run("take red key")
    assert runner.run("save").text == "Saved to 'auto'."
    runner.run("drop red key")
    assert runner.run("undo").text.startswith("Undone.")
    assert runner.game.state.inventory == ["red_key"]
    runner.run("drop red key")
    assert runner.run("load").text.startswith("Loaded 'auto'.")
    assert runner.game.state.inventory == ["red_key"]
    assert "Sorry: there is no save called 'nope'" in runner.run("load nope").text
    assert "> take red_key" in runner.run("transcript").text
    assert runner.run("quit").quit


def test_disambiguation_question_and_answer(game: Game) -> None:
    runner = CommandRunner(game)
    assert runner.run("take key").text == "Which do you mean, the red key or the blue key?"
    assert runner.run("red").text == "You take the red key."


def test_engine_bench_reports_turns() -> None:
    figures = run_engine_bench(SAMPLE, turns=50)
    assert figures["turns"] >= 50 and figures["seconds"] > 0
    assert figures["turns_per_s"] == figures["turns"] / figures["seconds"]
