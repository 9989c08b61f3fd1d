"""`tta bench --startup`'s measurements, on a real game process (the rules profile, so no model is needed)."""

from __future__ import annotations

from engine.story.loader import bundled_stories_root
from game.bench.startup_bench import format_startup, run_plain_script, run_title_screen

SAMPLE = bundled_stories_root() / "lantern_house"


def test_the_plain_script_run_reports_its_opening_wall_time_exit_and_peak_rss() -> None:
    run = run_plain_script(SAMPLE, "rules")
    assert run["exit_status"] == 0, run["stderr_tail"]
    assert run["first_output_s"] is not None and 0 < run["first_output_s"] <= run["wall_s"]
    assert 20 < run["peak_rss_mb"] < 2000  # a Python process with the engine imported, measured by the kernel
    assert "Goodbye" in run["stdout_tail"]  # the script's `quit` was played


def test_a_failing_game_is_reported_with_its_exit_status() -> None:
    run = run_plain_script(bundled_stories_root() / "no_such_story", "rules")
    assert run["exit_status"] != 0 and "no_such_story" in run["stderr_tail"]


def test_the_title_screen_is_seen_on_a_pseudo_terminal() -> None:
    title = run_title_screen("rules")
    assert not title["timed_out"] and 0 < title["title_s"] < 30
    report = format_startup({"title": title, "warm": run_plain_script(SAMPLE, "rules"), "load": (1.0, 1.0, 1.0)})
    assert "UI title screen" in report and "exit 0" in report
