"""Turns with narration served over HTTP: a server dying or missing never costs a turn; play matches the rules."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.inference.backends.scripted import ScriptedBackend
from engine.inference.control import CallControl
from engine.inference.request import GenerationRequest
from engine.inference.response import Response
from engine.tasks import TaskType
from engine.turn.events import ModelUsed, NarrationDone, NarrationStart, TurnDone, TurnEvent
from game.factory import Services, build_pipeline, build_services
from tests.served.conftest import Server, free_port, served_model, served_settings
from tests.turn.conftest import STORY, scripted_model
from tests.walkthrough import ENDING, authoritative, play_walkthrough

pytestmark = pytest.mark.served

NARRATION = ("narrative_generation",)


@pytest.fixture
def cove(tmp_path: Path) -> Path:
    folder = tmp_path / "cove"
    folder.mkdir()
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Callable[..., Services]]:
    """Build services in fresh data folders; all are closed afterwards."""
    built: list[Services] = []

    def _make(settings: Any = None, backends: dict[str, Any] | None = None, **options: Any) -> Services:
        home = tmp_path / f"home{len(built)}"
        built.append(build_services(settings=settings, data_dir=home, backends=backends or {}, rng_seed=3,
                                    use_matcher=False, **options))
        return built[-1]

    yield _make
    for services in built:
        services.close()


def narration_used(events: list[TurnEvent]) -> ModelUsed:
    return [e for e in events if isinstance(e, ModelUsed) and e.task == TaskType.NARRATIVE_GENERATION][-1]


def failures(services: Services, model: str) -> dict[str, int]:
    rows = [r for r in services.selector.stats() if r.model == model and r.task == "narrative_generation"]
    return rows[0].failures if rows else {}


def test_server_dying_during_a_turn_falls_back_and_counts_against_it(
        own_server: Callable[..., Server], made: Callable[..., Services], cove: Path) -> None:
    running = own_server()
    settings = served_settings({"served": served_model(running.base_url, NARRATION),
                                "backup": scripted_model(narrative_generation=True)}, [["served"], ["backup"]])
    backup = ScriptedBackend("backup", ["You take the iron key.", "You look at the pink shell."])
    services = made(settings, {"backup": backup})
    pipeline = build_pipeline(services, cove, seed=1)
    list(pipeline.opening())
    events: list[TurnEvent] = []
    for event in pipeline.run("take key"):
        events.append(event)
        if isinstance(event, NarrationStart) and event.model == "served":
            # Stopped, the server still accepts the request; killed while it holds it, it drops the connection.
            running.pause()
            threading.Timer(0.3, running.kill).start()
    done = [e for e in events if isinstance(e, TurnDone)]
    assert done and done[-1].advanced and "key" in pipeline.game.state.inventory
    assert [e for e in events if isinstance(e, NarrationDone)][-1].source == "authored"
    assert failures(services, "served").get("exception") == 1
    # The next turn moves on at once: the explanation says why the served model was passed over.
    started = time.perf_counter()
    second = list(pipeline.run("x shell"))
    used = narration_used(second)
    assert used.model == "backup"
    assert f"server unreachable at {running.base_url}" in used.explanation
    assert time.perf_counter() - started < 1.0


class DiesAfterASentence(ScriptedBackend):
    """A backend whose connection drops after its first sentence (what a server dying mid-stream looks like)."""

    def _generate(self, request: GenerationRequest, response: Response, control: CallControl) -> None:
        super()._generate(request, response, control)
        raise ConnectionError("peer closed connection without sending complete message body")


def test_text_shown_before_the_server_died_is_kept_and_the_failure_recorded(
        made: Callable[..., Services], cove: Path) -> None:
    settings = served_settings({"flaky": scripted_model(narrative_generation=True)})
    services = made(settings, {"flaky": DiesAfterASentence("flaky", ["You take the iron key. "])})
    pipeline = build_pipeline(services, cove, seed=1)
    list(pipeline.opening())
    events = list(pipeline.run("take key"))
    done = [e for e in events if isinstance(e, NarrationDone)][-1]
    assert done.source == "model" and done.text == "You take the iron key."
    assert failures(services, "flaky").get("exception") == 1


def test_unreachable_server_is_explained_and_the_next_tier_plays_within_a_second(
        made: Callable[..., Services], cove: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/v1"
    settings = served_settings({"served": served_model(nobody, NARRATION),
                                "backup": scripted_model(narrative_generation=True)}, [["served"], ["backup"]])
    services = made(settings, {"backup": ScriptedBackend("backup", ["You take the iron key."])})
    pipeline = build_pipeline(services, cove, seed=1)
    list(pipeline.opening())
    list(pipeline.run("help"))  # no model step; it warms the safety screen, whose first call is slow on its own
    started = time.perf_counter()
    events = list(pipeline.run("take key"))
    elapsed = time.perf_counter() - started
    used = narration_used(events)
    assert used.model == "backup", used.explanation
    assert f"server unreachable at {nobody}" in used.explanation
    assert [e for e in events if isinstance(e, NarrationDone)][-1].text == "You take the iron key."
    assert elapsed < 1.0, elapsed


def test_walkthrough_with_served_narration_ends_as_on_rules(server: Server, made: Callable[..., Services]) -> None:
    services = made(served_settings({"served": served_model(server.base_url, NARRATION)}))
    served = play_walkthrough(services)
    rules = play_walkthrough(made(profile="rules"))
    assert served.ended is not None and served.ended.id == ENDING
    assert authoritative(served) == authoritative(rules)
    rows = [r for r in services.selector.stats() if r.model == "served" and r.task == "narrative_generation"]
    assert rows and rows[0].selections >= 10, rows
    print(f"\n[served walkthrough] {rows[0].selections} narrations over HTTP, success {rows[0].success_rate:.0%}, "
          f"ttft {rows[0].mean_ttft_s or 0:.3f} s, {rows[0].tokens_per_s or 0:.1f} tok/s")
