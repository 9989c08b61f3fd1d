"""Snapshot tests of the main screens (pytest-textual-snapshot); update with `pytest --snapshot-update`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual.pilot import Pilot

from game.app import TTAApp
from game.factory import Services
from game.screens.crisis import CrisisScreen
from game.screens.play import PlayScreen
from game.screens.stats import StatsScreen
from game.widgets.narration.command_input import CommandInput
from game.widgets.status.model_panel import ModelPanel

AppMaker = Callable[..., tuple[TTAApp, Services]]

SIZE = (110, 34)


async def _until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


async def _play(pilot: Pilot, *commands: str) -> PlayScreen:
    app = pilot.app
    await pilot.press("n")
    await _until(pilot, lambda: isinstance(app.screen, PlayScreen) and not app.screen.running)
    screen = app.screen
    assert isinstance(screen, PlayScreen)
    screen.query_one(CommandInput).cursor_blink = False
    for command in commands:
        await pilot.press(*command, "enter")
        await _until(pilot, lambda: not screen.running)
    return screen


def test_title(make_app: AppMaker, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _ = make_app()
    assert snap_compare(app, terminal_size=SIZE)


def test_play(make_app: AppMaker, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _ = make_app()

    async def run_before(pilot: Pilot) -> None:
        await _play(pilot, "3", "e", "take stone")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_model_panel(make_app: AppMaker, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _ = make_app()

    async def run_before(pilot: Pilot) -> None:
        screen = await _play(pilot, "3", "e")
        await pilot.press("f2")
        # Measured timings differ per run; pin them so the picture is stable.
        used = [dataclasses.replace(u, ttft_s=0.05 if u.ttft_s is not None else None,
                                    tokens_per_s=40.0 if u.tokens_per_s is not None else None)
                for u in screen.pipeline.session.last_turn.models]  # type: ignore[union-attr]
        loaded = [dataclasses.replace(info, memory_mb=400) for info in screen.pipeline.session.model_status()]
        screen.query_one(ModelPanel).show(used, loaded)

    assert snap_compare(app, terminal_size=(150, 34), run_before=run_before)


def test_stats(make_app: AppMaker, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _ = make_app()

    async def run_before(pilot: Pilot) -> None:
        screen = await _play(pilot, "3", "e", "w")
        rows = [dataclasses.replace(row, tokens_per_s=40.0 if row.tokens_per_s is not None else None)
                for row in screen.pipeline.session.stats()]
        await pilot.app.push_screen(StatsScreen(rows))

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_crisis(make_app: AppMaker, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _ = make_app()

    async def run_before(pilot: Pilot) -> None:
        await _play(pilot, "3", "i want to kill myself")
        await _until(pilot, lambda: isinstance(pilot.app.screen, CrisisScreen))

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
