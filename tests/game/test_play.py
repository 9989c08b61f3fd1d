"""Playing through the Textual app with the real pipeline and scripted models (Pilot tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Markdown, OptionList, Static

from engine.selector.feedback import FeedbackStore
from engine.tasks import TaskType
from game.app import TTAApp
from game.factory import Services
from game.screens.crisis import CrisisScreen
from game.screens.play import PlayScreen
from game.widgets.narration.command_input import CommandInput
from game.widgets.narration.escape import escape_markdown
from game.widgets.narration.log import NarrationLog
from game.widgets.status.side_panel import SidePanel

AppMaker = Callable[..., tuple[TTAApp, Services]]


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds."""
    waited = 0.0
    while not condition():
        assert waited < timeout, "condition not reached"
        await pilot.pause(0.02)
        waited += 0.02


async def start(pilot: Pilot, app: TTAApp, key: str = "n") -> PlayScreen:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, PlayScreen) and not app.screen.running)
    assert isinstance(app.screen, PlayScreen)
    return app.screen


async def play(pilot: Pilot, screen: PlayScreen, command: str) -> None:
    """Type a command and wait for its turn to finish."""
    screen.query_one(CommandInput).focus()
    await pilot.press(*command, "enter")
    await until(pilot, lambda: not screen.running)


def log_text(screen: PlayScreen) -> str:
    parts = []
    for child in screen.query_one(NarrationLog).children:
        parts.append(child.source if isinstance(child, Markdown) else str(child.render()))
    return "\n".join(parts)


async def test_several_turns_by_typing(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "3")
        await play(pilot, screen, "e")
        await play(pilot, screen, "take stone")
        assert screen.pipeline.game.state.scene == "tide_pools"
        assert "smooth_stone" in screen.pipeline.game.state.inventory
        text = log_text(screen)
        assert "› e" in text and "› take stone" in text
        narrated = [turn for turn in screen.pipeline.session.turns if turn.narration_source == "model"]
        assert [turn.input for turn in narrated] == ["e", "take stone"]
        assert all(escape_markdown(turn.narration) in text for turn in narrated)
        side = str(screen.query_one(SidePanel).query_one("#inventory").render())
        assert "stone" in side.lower()
        assert screen.query_one(CommandInput).history == ["3", "e", "take stone"]


async def test_narration_streams_over_several_updates(make_app: AppMaker) -> None:
    app, _ = make_app(chunk_delay_s=0.02)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "3")
        log = screen.query_one(NarrationLog)
        seen: list[int] = []
        original = log.progress

        async def recording(text_so_far: str) -> None:
            seen.append(len(text_so_far))
            await original(text_so_far)

        log.progress = recording  # type: ignore[method-assign]
        await play(pilot, screen, "e")
        assert len(seen) >= 2, seen
        assert seen == sorted(seen) and seen[0] < seen[-1]
        turn = screen.pipeline.session.last_turn
        assert turn is not None and turn.narration_source == "model"
        assert escape_markdown(turn.narration) in log_text(screen)


async def test_a_rating_reaches_the_selector(make_app: AppMaker, tta_home: Path) -> None:
    app, services = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "3")
        await play(pilot, screen, "e")
        turn = screen.pipeline.session.last_turn
        assert turn is not None and turn.narration_model() is not None
        await pilot.press("escape", "4")
        await pilot.pause()
        services.selector.flush()
    ratings = FeedbackStore(tta_home / "ratings.json").ratings(task=TaskType.NARRATIVE_GENERATION)
    assert [(r["model"], r["rating"], r["turn_id"]) for r in ratings] == [(turn.narration_model(), 4, turn.turn_id)]


async def test_save_quit_and_load_restore_the_state(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        for command in ("3", "e", "take stone"):
            await play(pilot, screen, command)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # the slot dialog suggests "quick"
        await until(pilot, lambda: not screen.running)
        saved = screen.pipeline.game.state.model_dump()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)

    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        assert screen.pipeline.game.state.scene != saved["scene"]
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter")  # choose the first (only manual) save
        await until(pilot, lambda: not screen.running)
        restored = screen.pipeline.game.state.model_dump()
        assert restored["scene"] == saved["scene"] and restored["locations"] == saved["locations"]


async def test_continue_resumes_the_autosave(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        for command in ("3", "e"):
            await play(pilot, screen, command)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    app, _ = make_app(has_save=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app, key="c")
        assert screen.pipeline.game.state.scene == "tide_pools"


async def test_crisis_shows_its_screen_and_keep_playing_returns(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "i want to kill myself")
        await until(pilot, lambda: isinstance(app.screen, CrisisScreen))
        crisis = app.screen
        assert isinstance(crisis, CrisisScreen)
        assert crisis.crisis.resources and len(crisis.crisis.options) == 3
        await pilot.click("#option-1")  # the grounding exercise, one step at a time (run by the engine)
        await until(pilot, lambda: crisis.step is not None and crisis.step.step == 1)
        first = str(crisis.query_one("#grounding-step").render())
        await pilot.click("#grounding-next")
        await until(pilot, lambda: crisis.step is not None and crisis.step.step == 2)
        assert str(crisis.query_one("#grounding-step").render()) != first
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen and not screen.running)
        await play(pilot, screen, "e")
        assert screen.pipeline.game.state.scene == "tide_pools"


async def test_author_reload_keeps_the_position(make_app: AppMaker, tmp_path: Path) -> None:
    story = tmp_path / "lantern_house"
    story.mkdir()
    source = (Path(__file__).resolve().parents[2] / "stories" / "lantern_house" / "story.yaml").read_text()
    (story / "story.yaml").write_text(source)
    app, _ = make_app(author=True, story=story)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await start(pilot, app)
        for command in ("3", "e", "take stone"):
            await play(pilot, screen, command)
        edited = source.replace("Wet sand gives under", "Wet sand shifts under")
        (story / "story.yaml").write_text(edited)
        await until(pilot, lambda: "shifts under" in screen.pipeline.game.story.scenes["shore_path"].text)
        await until(pilot, lambda: not screen.running)
        assert screen.pipeline.game.state.scene == "tide_pools"
        assert "smooth_stone" in screen.pipeline.game.state.inventory
        (story / "story.yaml").write_text(edited.replace("start: shore_path", "start: nowhere", 1))
        await until(pilot, lambda: "story.yaml:" in str(screen.query_one("#problems").render()))
        assert screen.pipeline.game.state.scene == "tide_pools"


async def test_typed_markup_is_shown_literally(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "[red]shout[/red] *loudly*")
        assert "› [red]shout[/red] *loudly*" in log_text(screen)


async def test_note_dialog_attaches_a_note_to_the_last_turn(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "3")
        await play(pilot, screen, "e")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"too wordy", "enter")
        await pilot.pause()
        assert app.screen is screen
        last = screen.pipeline.session.last_turn
        assert last is not None and last.notes == ["too wordy"]


async def test_palette_offers_meta_commands(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "3")
        await play(pilot, screen, "e")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"undo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen and not screen.running)
        assert screen.pipeline.game.state.scene == "shore_path"


async def test_typing_quit_closes_the_app(make_app: AppMaker) -> None:
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, app)
        await play(pilot, screen, "quit")
        await until(pilot, lambda: not app.is_running)


async def test_author_jumps_sets_values_and_sees_the_state(make_app: AppMaker) -> None:
    app, _ = make_app(author=True)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("f5")
        await pilot.pause()
        choices = app.screen.query_one(OptionList)
        choices.highlighted = next(i for i in range(choices.option_count)
                                   if choices.get_option_at_index(i).id == "kitchen")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen and not screen.running)
        assert screen.pipeline.game.state.scene == "kitchen"
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press(*"gate_open = true", "enter")
        await until(pilot, lambda: app.screen is screen and not screen.running)
        assert screen.pipeline.game.state.flags["gate_open"] is True
        inspector = screen.query_one("#state-json", Static).content.code  # type: ignore[union-attr]
        assert '"gate_open": true' in inspector and '"scene": "kitchen"' in inspector
