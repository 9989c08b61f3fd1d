"""Faults 2 and 4: every damaged user-data file x every start path: no crash, one calm line, play goes on;
`--continue` on a damaged save says so and never silently starts a new game."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.core.game import Game
from engine.saves import SaveStore
from engine.saves.storage import shape_problem
from engine.story import load_story
from game.cli import main
from game.factory import build_app, build_pipeline, build_services
from tests.reliability.damage import DAMAGES, FILES, damage
from tests.reliability.helpers import write_story

READ_AT_START = {"safety.json", "stats.json", "ratings.json"}
"""Files a plain start reads before the first turn (saves.json is read by the first autosave or --continue)."""
CHEAP_PATHS = ("title screen", "feedback export")
PLAY_DAMAGES = {"play": ("cut", "not-utf8", "wrong-shape", "folder"), "continue": ("cut", "wrong-shape")}
"""Play starts cost a crisis check each (a model call), so they take a spread of the damages; the cheap start
paths take all of them."""


@pytest.fixture(scope="module")
def pond(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_story(tmp_path_factory.mktemp("story") / "pond")


def _autosave(home: Path, story: Path) -> None:
    game = Game.new(load_story(story), seed=1)
    game.perform(game.legal_actions()[0])
    SaveStore(home / "saves").save(game, "auto")


def _start(path: str, home: Path, story: Path, script: Path) -> tuple[int, str, BaseException | None]:
    if path in ("play", "continue"):
        args = ["play", str(story), "--plain", "--profile", "rules", "--script", str(script)]
        result = CliRunner().invoke(main, args + (["--continue"] if path == "continue" else []),
                                    env={"TTA_HOME": str(home)})
    elif path == "feedback export":
        result = CliRunner().invoke(main, ["feedback", "export"], env={"TTA_HOME": str(home)})
    else:  # the terminal UI's start: services, the stories and their saves for the title screen, the app
        services = build_services(profile="rules", data_dir=home, use_matcher=False)
        try:
            build_app(services, story=story, warm=False)
        finally:
            services.close()
        return 0, "", None
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.output, error


@pytest.mark.parametrize("name", FILES)
def test_every_damaged_file_on_every_start_path(name: str, pond: Path, tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text("x stone\n", encoding="utf-8")
    failures: list[str] = []
    starts = 0
    for kind in DAMAGES:
        for path in (*(path for path, kinds in PLAY_DAMAGES.items() if kind in kinds), *CHEAP_PATHS):
            home = tmp_path / f"{kind}-{path.replace(' ', '-')}"
            home.mkdir()
            if path == "continue" and name != "saves/saves.json":
                _autosave(home, pond)
            target = damage(home, name, kind)
            starts += 1
            code, output, error = _start(path, home, pond, script)
            output = " ".join(output.split())  # line mode wraps at 78 columns
            where = f"{name} {kind} via {path}"
            if error is not None or code != 0 or "Traceback" in output:
                failures.append(f"{where}: exit {code}, {type(error).__name__ if error else ''} {output[-300:]}")
                continue
            if path in ("play", "continue") and (name in READ_AT_START or name.startswith("saves")):
                if "could not be read" not in output or "moved aside" not in output:
                    failures.append(f"{where}: the player was not told ({output[-300:]!r})")
                if not list(target.parent.glob(target.name + ".corrupt-*")):
                    failures.append(f"{where}: not moved aside")
            if path == "continue":
                fresh = "Starting a new game" in output
                if fresh != (name == "saves/saves.json"):
                    failures.append(f"{where}: continue {'started afresh' if fresh else 'did not say so'}")
            shutil.rmtree(home, ignore_errors=True)
    print(f"{name}: {starts} damaged-file starts, {len(failures)} failures")
    assert not failures, "\n".join(failures)


def test_continue_with_an_unrestorable_save_stops_and_says_so(pond: Path, tmp_path: Path, tta_home: Path) -> None:
    _autosave(tta_home, pond)
    saves = tta_home / "saves" / "saves.json"
    saves.write_text(saves.read_text().replace('"scene": "bank"', '"scene": "nowhere"', 1)
                     .replace('"story_version": "1"', '"story_version": "0"'))
    before = saves.read_bytes()
    script = tmp_path / "s.txt"
    script.write_text("look\n")
    result = CliRunner().invoke(main, ["play", str(pond), "--plain", "--profile", "rules", "--script", str(script),
                                       "--continue"])
    assert result.exit_code == 1 and not isinstance(result.exception, (KeyError, TypeError, AttributeError))
    assert "cannot continue: save 'auto' was made with version 0" in result.output
    assert "Nothing was changed" in result.output
    assert saves.read_bytes() == before  # the save is untouched, not overwritten by a new game


def test_the_saves_command_on_a_damaged_file_says_so(pond: Path, tta_home: Path) -> None:
    damage(tta_home, "saves/saves.json", "wrong-shape")
    services = build_services(profile="rules", data_dir=tta_home, use_matcher=False)
    try:
        pipeline = build_pipeline(services, pond)
        list(pipeline.opening())
        shown = " ".join(" ".join(getattr(e, "text", "") for e in pipeline.run("saves")).split())
    finally:
        services.close()
    # before: a SaveError (or TypeError) escaped from `saves`
    assert "saved games file could not be read" in shown and "moved aside" in shown


@pytest.mark.parametrize(("data", "why"), [
    ([], "the top level is a list, not a table of tables"),
    ({"ratings": "x"}, "table 'ratings' is text, not a table"),
    ({"bandit_clocks": {"1": 7}}, "record 1 of table 'bandit_clocks' is a number, not a record"),
])
def test_the_reason_a_file_was_moved_aside_reads_plainly(data: object, why: str) -> None:
    assert shape_problem(data) == why  # before: "is a int", "is a str" in the player's notice


@pytest.mark.parametrize("variable", ["TTA_HOME", "TTA_CACHE"])
def test_a_data_folder_that_is_a_file_is_a_clear_error(pond: Path, tmp_path: Path, variable: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the folder should be\n")
    monkeypatch.setenv(variable, str(in_the_way / "tta"))
    script = tmp_path / "s.txt"
    script.write_text("look\n")
    result = CliRunner().invoke(main, ["play", str(pond), "--plain", "--profile", "rules", "--script", str(script)])
    assert result.exit_code == 1 and not isinstance(result.exception, OSError)  # before: NotADirectoryError
    assert f"(a file is in the way); set ${variable} to a folder" in result.output
    assert in_the_way.read_text() == "a file where the folder should be\n"
