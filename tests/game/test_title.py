"""The title screen: settings, and models warming up in the background while the game is playable."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from game.app import TTAApp
from game.factory import build_pipeline, build_services
from game.screens.play import PlayScreen
from game.screens.settings import SettingsScreen
from game.screens.title import StoryInfo, TitleScreen
from game.widgets.status.warmup_bar import WarmupBar

STORY = Path(__file__).resolve().parents[2] / "stories" / "lantern_house"


class GatedLoader:
    """A model loader that reports progress and then waits until the test lets it finish."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.reported = threading.Event()

    def warm(self, progress: Callable[[str, float], None]) -> list[str]:
        progress("loading smollm2-135m", 0.5)
        self.reported.set()
        self.release.wait(10)
        return []


async def _until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


def _app(tta_home: Path, loader: GatedLoader | None = None) -> TTAApp:
    services = build_services(profile="rules", data_dir=tta_home, use_matcher=False)
    return TTAApp(lambda path: build_pipeline(services, path, seed=1),
                  [StoryInfo(STORY, "The Lantern House", "lantern_house")],
                  model_loader=loader, settings_info={"profile": "rules"})


async def test_settings_show_the_active_profile(tta_home: Path) -> None:
    app = _app(tta_home)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        table = app.screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == ["profile", "rules"]


async def test_game_is_playable_while_models_warm_up(tta_home: Path) -> None:
    loader = GatedLoader()
    app = _app(tta_home, loader)
    async with app.run_test() as pilot:
        await _until(pilot, lambda: loader.reported.is_set() and app.warmup_fraction == 0.5)
        assert app.warmup_active and app.screen.query_one(WarmupBar).display
        await pilot.press("n")
        await _until(pilot, lambda: isinstance(app.screen, PlayScreen) and not app.screen.running)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("3", "enter")
        await _until(pilot, lambda: not screen.running)
        await pilot.press("e", "enter")
        await _until(pilot, lambda: not screen.running)
        assert screen.pipeline.game.state.scene == "tide_pools"
        assert app.warmup_active
        loader.release.set()
        await _until(pilot, lambda: not app.warmup_active)
        assert not screen.query_one(WarmupBar).display


async def test_a_damaged_save_file_is_said_on_the_title_screen(tta_home: Path) -> None:
    # Without the notice the player only sees Continue greyed out and "No saved game for this story yet."
    from game.factory import build_app

    (tta_home / "saves").mkdir(parents=True, exist_ok=True)
    (tta_home / "saves" / "saves.json").write_bytes(b"\x00\xffnot json{")
    services = build_services(profile="rules", data_dir=tta_home, use_matcher=False)
    app = build_app(services, warm=False)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("saves.json" in m and "aside" in m for m in said), said
    assert list((tta_home / "saves").glob("saves.json.corrupt-*"))


def test_a_story_named_on_the_command_line_is_listed_by_its_title(tta_home: Path, tmp_path: Path) -> None:
    # It used to be listed by its folder's name ("tide_pools") while the bundled stories showed their titles.
    from game.factory import build_app

    folder = tmp_path / "my_walk"
    folder.mkdir()
    bundled = Path(__file__).resolve().parents[2] / "stories" / "lantern_house" / "story.yaml"
    (folder / "story.yaml").write_text(bundled.read_text(encoding="utf-8").replace(
        "id: lantern_house\ntitle: The Lantern House", "id: my_walk\ntitle: A Walk of My Own"), encoding="utf-8")
    broken = tmp_path / "half_written"
    broken.mkdir()
    (broken / "story.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    services = build_services(profile="rules", data_dir=tta_home, use_matcher=False)
    assert build_app(services, story=folder, warm=False).stories[0].title == "A Walk of My Own"
    # One that does not load keeps its folder's name; opening it says what is wrong.
    assert build_app(services, story=broken, warm=False).stories[0].title == "half_written"
