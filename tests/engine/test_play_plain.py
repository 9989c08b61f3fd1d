"""`tta play --plain`: scripted and piped play, author start scenes, and meta commands (undo/save/load)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from engine.core.game import Game
from engine.saves import SaveStore
from engine.story.loader import bundled_stories_root
from engine.storytest.runner import shown_text
from engine.turn.events import TurnDone
from engine.turn.pipeline import TurnPipeline
from game.bench.engine_bench import run_engine_bench
from game.cli import main
from game.factory import rules_pipelines

SAMPLE = bundled_stories_root() / "lantern_house"


def test_play_from_a_script(tmp_path: Path) -> None:
    script = tmp_path / "moves.txt"
    script.write_text("# a comment\nskip\ns\nboard ferry\n")
    result = CliRunner().invoke(main, ["play", "--plain", "--profile", "rules", "--seed", "3", "--script", str(script)])
    assert result.exit_code == 0, result.output
    assert "> board ferry" in result.output and "The Long Way Home" in result.output


def test_play_piped_from_stdin_at_a_chosen_scene() -> None:
    args = ["play", str(SAMPLE), "--plain", "--profile", "rules", "--scene", "harbour"]
    result = CliRunner().invoke(main, args, input="look\nquit\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("The Harbour") >= 2 and "Goodbye" in result.output


def test_unknown_scene_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["play", "--plain", "--profile", "rules", "--scene", "moon"], input="")
    assert result.exit_code == 1 and "unknown scene 'moon'" in result.output


def say(pipeline: TurnPipeline, line: str) -> str:
    """What the player reads after one line, through the players' own loop."""
    return shown_text(pipeline.run(line))


def test_meta_commands(tmp_path: Path, game: Game) -> None:
    pipeline = rules_pipelines(saves=SaveStore(tmp_path))(game)
    say(pipeline, "take red key")
    assert say(pipeline, "save") == "Saved to slot 'quick'."
    say(pipeline, "drop red key")
    assert say(pipeline, "undo").startswith("Undone.")
    assert pipeline.game.state.inventory == ["red_key"]
    say(pipeline, "drop red key")
    assert say(pipeline, "load").startswith("Loaded slot 'quick'.")
    assert pipeline.game.state.inventory == ["red_key"]
    assert "Sorry: there is no save called 'nope'" in say(pipeline, "load nope")
    assert "> take red key" in say(pipeline, "transcript")
    assert [e for e in pipeline.run("quit") if isinstance(e, TurnDone)][-1].quit


def test_disambiguation_question_and_answer(game: Game) -> None:
    pipeline = rules_pipelines()(game)
    assert say(pipeline, "take key") == "Which do you mean, the red key or the blue key?"
    assert say(pipeline, "red") == "You take the red key."


def test_engine_bench_reports_turns() -> None:
    figures = run_engine_bench(SAMPLE, turns=50)
    assert figures["turns"] >= 50 and figures["seconds"] > 0
    assert figures["turns_per_s"] == figures["turns"] / figures["seconds"]
