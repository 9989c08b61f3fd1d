"""The embedded profile's play path never imports torch or transformers (a real game process, built by the factory).

Why it matters: torch + transformers alone took ~600 MB of the game's memory and seconds of its startup, for
an action matcher and a grammar compiler that do not need them (issue 14: peak RSS ≤ 600 MB).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.inference.embedder import locate_minilm

HEAVY = ("torch", "transformers")
PLAY = r"""
import json, sys
from pathlib import Path
from engine.story.loader import bundled_stories_root
from game.factory import build_pipeline, build_services

warm = sys.argv[1] == "warm"
services = build_services(profile="embedded", data_dir=Path(sys.argv[2]), rng_seed=3, defer_models=not warm)
failures = services.warm() if warm else []
pipeline = build_pipeline(services, bundled_stories_root() / "lantern_house", seed=3)
list(pipeline.opening())
shown = []
# "have a look around" is beyond the rules' parser: the cascade's sentence matcher reads it.
for line in ("have a look around", "go east", "go west", "i feel a little tired tonight"):
    shown.append([type(event).__name__ for event in pipeline.run(line)])
pipeline.session.drain()  # the state updates (schema-constrained JSON on the models) finish before we look
sims = services.matcher.similarities("have a look around", ["look around", "go east"])
crisis = services.detector.semantic.encoder
heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("torch", "transformers"))
print(json.dumps({"failures": failures, "sims": sims, "heavy": heavy, "turns": shown,
                  "matcher_loaded": services.matcher.encoder.loaded,
                  "plain_matcher": services.matcher.encoder.identity == crisis.plain.identity,
                  "tuned_stage": crisis.identity != services.matcher.encoder.identity,
                  "loaded": [info.name for info in services.manager.loaded()]}))
services.close()
"""

needs_minilm = pytest.mark.skipif(locate_minilm() is None, reason="the shipped sentence model is not installed")


def play(mode: str, home: Path) -> dict[str, object]:
    """Run PLAY in a fresh interpreter; its last stdout line is the JSON report."""
    done = subprocess.run([sys.executable, "-c", PLAY, mode, str(home)], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@needs_minilm
def test_the_matcher_and_the_crisis_stage_run_torch_free_encoders(tmp_path: Path) -> None:
    """Models still warming (deferred): turns go through the crisis stage (its fine-tune) and the matcher (plain)."""
    report = play("deferred", tmp_path)
    assert report["heavy"] == [], report["heavy"]
    assert report["matcher_loaded"] and report["plain_matcher"] and report["tuned_stage"]
    sims = report["sims"]
    assert isinstance(sims, list) and sims[0] > sims[1] + 0.2, sims


@needs_minilm
@pytest.mark.models
@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason="llama-cpp-python is not installed")
def test_embedded_play_with_both_models_imports_no_torch(tmp_path: Path) -> None:
    """Both embedded models loaded, turns narrated and state updates applied: still no torch, no transformers."""
    report = play("warm", tmp_path)
    assert report["failures"] == [], report["failures"]
    assert sorted(report["loaded"]) == ["gemma3-270m", "smollm2-135m"], report["loaded"]  # type: ignore[arg-type]
    assert report["heavy"] == [], report["heavy"]
