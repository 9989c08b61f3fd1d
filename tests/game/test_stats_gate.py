"""F3 shows each model's gate pass rate per task: a withdrawn in-world reply counts against that model."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import DataTable

from game.app import TTAApp
from game.factory import Services
from game.screens.play import PlayScreen
from game.screens.stats import COLUMNS, StatsScreen

AppMaker = Callable[..., tuple[TTAApp, Services]]
# Claims a change (the stone taken), so the in-world reply gate withdraws it (and it is no JSON for a parse).
CLAIMS = "You pick up the smooth stone and put it in your pocket."
# Close to the Tide Pools' own words, so the narration gate lets it through.
TIDE_POOLS = ("Between the black rocks the sea has left small, perfect worlds. Anemones are folded shut. "
              "A crab is deciding whether you are weather. Everything here moves slowly.")


async def _until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


async def test_f3_shows_the_gate_pass_rate_per_model_and_task(make_app: AppMaker) -> None:
    app, services = make_app(narrations=(TIDE_POOLS, *[CLAIMS] * 4))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("n")
        await _until(pilot, lambda: isinstance(app.screen, PlayScreen) and not app.screen.running)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        for command in ("3", "e", "wave at the crab"):
            await pilot.press(*command, "enter")
            await _until(pilot, lambda: not screen.running)
        await pilot.press("f3")
        await _until(pilot, lambda: isinstance(app.screen, StatsScreen))
        table = app.screen.query_one(DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels == list(COLUMNS) and "gate pass" in labels
        at = labels.index("gate pass")
        rows = {(str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1])): str(table.get_row_at(i)[at])
                for i in range(table.row_count)}
        # What the tracker holds, shown as passed/judged: the narration passed, the in-world reply did not.
        expected = {(r.model, r.task): r for r in services.selector.stats() if r.model}
        narrated = [cell for (model, task), cell in rows.items() if task == "narrative_generation"]
        replied = [cell for (model, task), cell in rows.items() if task == "in_world_reply"]
        assert narrated and narrated[0].startswith("1/1") and narrated[0].endswith("100%"), rows
        assert replied and all(cell.startswith("0/") and cell.endswith(" 0%") for cell in replied), rows
        for (model, task), row in expected.items():
            if row.gated:
                assert rows[(model, task)] == f"{round(row.gate_pass_rate * row.gated)}/{row.gated} " \
                                              f"{row.gate_pass_rate:.0%}"
