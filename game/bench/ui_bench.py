"""UI latency benchmark (headless): start → interactive title, and keypress → echo while narration streams.

Run: `.venv/bin/python -m game.bench.ui_bench [STORY] [--real]` (the sample story; scripted models unless
--real). A key is posted to the app as the terminal driver would post it; the time until the command line
holds it is the echo latency (terminal painting, at most one frame later, is not included).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from engine.inference.backends.scripted import ScriptedBackend
from engine.inference.base import Backend
from engine.settings import load_settings
from game.app import TTAApp
from game.factory import build_pipeline, build_services
from game.messages import NarrationProgress
from game.screens.play import PlayScreen
from game.screens.title import StoryInfo, TitleScreen
from game.widgets.narration.command_input import CommandInput

# Close to the sample story's own words, so the pipeline's faithfulness check lets it through ("e" from the start).
NARRATION = ("Between the black rocks the sea has left small, perfect worlds. Anemones are folded shut. "
             "A crab is deciding whether you are weather. Everything here moves slowly, and nothing is in a hurry.")
TYPING_GAP_S = 0.05
"""Pause between measured keys (a brisk typist)."""


async def _type_while(pilot: Pilot, command: CommandInput, busy: threading.Event | None, keys: int,
                      screen: PlayScreen) -> list[float]:
    """Post keys one at a time while the screen streams; seconds until each reached the command line."""
    latencies: list[float] = []
    while len(latencies) < keys and (screen.running if busy is None else busy.is_set()):
        before = len(command.value)
        started = time.perf_counter()
        pilot.app.post_message(events.Key("x", "x"))
        while len(command.value) == before:
            await asyncio.sleep(0.0005)
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(TYPING_GAP_S)
    return latencies


def _flood(screen: PlayScreen, busy: threading.Event, seconds: float, rate_hz: float) -> None:
    """Stress: post token-sized narration updates far faster than a model on this machine produces them."""
    text = ""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        text += "word "
        screen.post_message(NarrationProgress(text))
        time.sleep(1 / rate_hz)
    busy.clear()


async def _measure(story: Path, keys: int, chunk_delay_s: float, data_dir: Path, real: bool) -> dict[str, float]:
    settings = load_settings(profile="embedded")
    settings = settings.model_copy(update={"turn": settings.turn.model_copy(update={"state_update": False})})
    backends: dict[str, Backend] = {} if real else {
        name: ScriptedBackend(name, [NARRATION] * 50, chunk_delay_s=chunk_delay_s) for name in settings.active_models()}
    services = build_services(settings=settings, backends=backends, rng_seed=1, use_matcher=False,
                              data_dir=data_dir)
    if real:
        services.warm()  # the embedded models, loaded before timing starts
    app = TTAApp(lambda path: build_pipeline(services, path, seed=1), [StoryInfo(story, story.name, story.name)])
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, TitleScreen):
            await pilot.pause(0.001)
        interactive_s = time.perf_counter() - started
        await pilot.press("n")
        while not (isinstance(app.screen, PlayScreen) and not app.screen.running):
            await pilot.pause(0.01)
        play = app.screen
        command = play.query_one(CommandInput)
        await pilot.press("3", "enter")
        while play.running:
            await pilot.pause(0.01)
        pipeline_keys: list[float] = []
        for move in ["e", "w"] * 5:  # to the tide pools and back, narrated each time
            if len(pipeline_keys) >= keys:
                break
            command.value = ""
            await pilot.press(move, "enter")
            await pilot.pause(0.02)
            pipeline_keys += await _type_while(pilot, command, None, keys - len(pipeline_keys), play)
            while play.running:
                await pilot.pause(0.01)
        command.value = ""
        await play.query_one("#log").begin_narration()  # type: ignore[attr-defined]
        busy = threading.Event()
        busy.set()
        flood = threading.Thread(target=_flood, args=(play, busy, 3.0, 200.0))
        flood.start()
        stress_keys = await _type_while(pilot, command, busy, keys, play)
        flood.join()
    result = {"start_to_interactive_s": interactive_s}
    result.update(_summary("echo_streaming", pipeline_keys))
    result.update(_summary("echo_flood_200hz", stress_keys))
    return result


def _summary(name: str, latencies: list[float]) -> dict[str, float]:
    if not latencies:
        return {f"{name}_keys": 0.0}
    ordered = sorted(latencies)
    return {
        f"{name}_keys": float(len(ordered)),
        f"{name}_p50_ms": statistics.median(ordered) * 1000,
        f"{name}_p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        f"{name}_max_ms": ordered[-1] * 1000,
    }


def run_ui_bench(story: Path, keys: int = 60, chunk_delay_s: float = 0.05, real: bool = False) -> dict[str, float]:
    """Start the app on `story`, stream narration and type while it streams.

    Scripted models by default; `real` narrates with the embedded models (loaded first, not timed).
    """
    with tempfile.TemporaryDirectory() as home:
        return asyncio.run(_measure(story, keys, chunk_delay_s, Path(home), real))


async def _show_title(story: Path, data_dir: Path) -> None:
    services = build_services(defer_models=True, data_dir=data_dir)
    app = TTAApp(lambda path: build_pipeline(services, path), [StoryInfo(story, story.name, story.name)])
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, TitleScreen):
            await pilot.pause(0.001)


def run_cold_start(story: Path) -> float:
    """Seconds from launching a fresh interpreter to an interactive title screen (and exiting)."""
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game.bench.ui_bench", "--title-only", str(story), home], check=True)
        return time.perf_counter() - started


if __name__ == "__main__":
    if sys.argv[1:2] == ["--title-only"]:
        asyncio.run(_show_title(Path(sys.argv[2]), Path(sys.argv[3])))
        sys.exit(0)
    real_models = "--real" in sys.argv
    arguments = [a for a in sys.argv[1:] if a != "--real"]
    story_path = Path(arguments[0] if arguments else "stories/lantern_house")
    print(f"{'cold_start_to_title_s':32} {run_cold_start(story_path):.3f}")
    for key, value in run_ui_bench(story_path, real=real_models).items():
        print(f"{key:32} {value:.3f}")
