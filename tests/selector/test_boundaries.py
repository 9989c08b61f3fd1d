"""The selector and settings stay light: importing and using them loads neither torch nor textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.bench.selector_bench import format_bench, run_selector_bench

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys, tempfile
from pathlib import Path
import engine.selector, engine.settings, game.bench.selector_bench, game.bench.selector_simulation
from engine.selector import StaticAvailability, build_selector
from engine.settings import load_settings
from engine.tasks import TaskType
with tempfile.TemporaryDirectory() as home:
    selector = build_selector(load_settings(), Path(home), StaticAvailability(), rng_seed=1)
    selector.select(TaskType.NARRATIVE_GENERATION, streaming=True)
    selector.close()
heavy = sorted(m for m in ("torch", "transformers", "textual") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def test_importing_and_selecting_loads_no_heavy_modules() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_bench_reports_latency_percentiles() -> None:
    result = run_selector_bench(n=300, simulation=False)
    print(format_bench(result))
    assert result["models"] == 3
    for figures in result["select_us"].values():
        assert 0 < figures["p50"] <= figures["p95"]
