"""Eight game sessions at once against one server, ten turns each: no turn lost or stalled, every turn journaled."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from engine.turn.events import TurnDone
from game.factory import build_pipeline, build_services
from tests.served.conftest import Server, served_model, served_settings
from tests.turn.conftest import STORY

pytestmark = pytest.mark.served

SESSIONS = 8
COMMANDS = ["x shell", "take shell", "take key", "drop shell", "take shell", "unlock door with key", "in",
            "talk to ana", "out", "x shell"]
NARRATION_TIMEOUT_S = 30.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def test_eight_sessions_ten_turns_each_on_one_server(server: Server, tmp_path: Path) -> None:
    story = tmp_path / "cove"
    story.mkdir()
    (story / "story.yaml").write_text(STORY, encoding="utf-8")
    settings = served_settings({"served": served_model(server.base_url, ("narrative_generation",))},
                               narration_timeout_s=NARRATION_TIMEOUT_S)
    latencies: list[list[float]] = [[] for _ in range(SESSIONS)]
    outcomes: list[list[str]] = [[] for _ in range(SESSIONS)]
    journaled: list[int] = [0] * SESSIONS
    errors: list[BaseException] = []

    def session(index: int) -> None:
        try:
            services = build_services(settings=settings, data_dir=tmp_path / f"player{index}", rng_seed=index,
                                      use_matcher=False)
            pipeline = build_pipeline(services, story, seed=index)
            list(pipeline.opening())
            for command in COMMANDS:
                started = time.perf_counter()
                done = [e for e in pipeline.run(command) if isinstance(e, TurnDone)]
                latencies[index].append(time.perf_counter() - started)
                assert len(done) == 1, command
                used = [m for m in done[0].models if m.task == "narrative_generation"]
                outcomes[index].append(used[-1].outcome if used else "none")
            pipeline.close()
            journal = pipeline.session.log.journal.path.read_text(encoding="utf-8").splitlines()
            journaled[index] = sum(json.loads(line)["type"] == "turn" for line in journal)
            services.close()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=session, args=(i,)) for i in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    wall = time.perf_counter() - started
    assert not errors, errors
    assert all(not thread.is_alive() for thread in threads), "a session stalled"
    everything = [value for per in latencies for value in per]
    assert len(everything) == SESSIONS * len(COMMANDS), "a turn was lost"
    assert journaled == [len(COMMANDS)] * SESSIONS, journaled
    assert max(everything) < NARRATION_TIMEOUT_S + 15, "a turn stalled past the narration timeout"
    narrated = sum(outcome == "ok" for per in outcomes for outcome in per)
    figures = {
        "sessions": SESSIONS, "turns": len(everything), "wall_s": round(wall, 1),
        "p50_s": round(percentile(everything, 0.5), 3), "p95_s": round(percentile(everything, 0.95), 3),
        "max_s": round(max(everything), 3), "narrated_by_model": narrated,
        "narration_outcomes": dict(Counter(outcome for per in outcomes for outcome in per)),
    }
    print(f"\n[served load] {json.dumps(figures)}")
    out = os.environ.get("TTA_SERVED_LOAD_OUT")
    if out:
        Path(out).write_text(json.dumps(figures, indent=2), encoding="utf-8")
