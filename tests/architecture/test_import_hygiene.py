"""The runtime half of the boundaries: importing and using the headless layers loads no heavy library.

Import direction is checked statically by lint-imports (pyproject.toml). What a static check cannot see is
the lazy import: engine/inference may import torch inside a function, and must not at module import. So
one subprocess imports every engine module, uses the headless parts, then the game's non-UI and UI layers,
and reports which heavy libraries each stage had loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import importlib, json, pkgutil, sys, tempfile
from pathlib import Path

HEAVY = ("torch", "transformers", "xgrammar", "huggingface_hub", "textual")
# The torch half of the transformers backend: transformers.py imports these inside its functions only.
ON_PURPOSE = {"engine.inference.backends.hf_runtime", "engine.inference.backends.int8", "engine.inference.ranking"}
report = {}

def loaded(*ignore):
    return sorted(m for m in HEAVY if m in sys.modules and m not in ignore)

import engine
for info in pkgutil.walk_packages(engine.__path__, "engine."):
    if info.name not in ON_PURPOSE:
        importlib.import_module(info.name)
report["import every engine module"] = loaded()

from engine.safety import CrisisDetector, OutputGuard
from engine.selector import StaticAvailability, build_selector
from engine.settings import load_settings
from engine.tasks import TaskType
from game.routing import routing_from

CrisisDetector().classify("hello")
OutputGuard().check("hi")
with tempfile.TemporaryDirectory() as home:
    selector = build_selector(routing_from(load_settings()), Path(home), StaticAvailability(), rng_seed=1)
    selector.select(TaskType.NARRATIVE_GENERATION, streaming=True)
    selector.close()
report["classify, guard and select"] = loaded()

import game.bench, game.commands.models, game.factory
for info in pkgutil.walk_packages(game.bench.__path__, "game.bench."):
    if info.name != "game.bench.ui_bench":  # it drives the terminal UI: the next stage
        importlib.import_module(info.name)
report["game benches, factory and model commands"] = loaded()

import game.app, game.bench.ui_bench, game.messages, game.screens.play, game.screens.title
report["the terminal UI (textual aside)"] = loaded("textual")
print(json.dumps(report))
"""


def test_headless_layers_load_no_heavy_library() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {stage: [] for stage in report}
    assert len(report) == 4
