"""Fault 9: ending a script (or quitting) while models load or a background step runs exits 0, promptly, with no
native thread aborting the interpreter ("terminate called without an active exception", exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TTA = Path(sys.executable).with_name("tta")
pytestmark = pytest.mark.models

QUIT_WHILE_LOADING = """
import sys, threading, time
from game.factory import build_services
services = build_services(profile="embedded", defer_models=True)
worker = threading.Thread(target=services.warm, name="warm-up", daemon=True)  # as the terminal UI's worker
worker.start()
time.sleep(float(sys.argv[1]))
services.close()
"""


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "TTA_HOME": str(home)}


def test_a_short_embedded_script_exits_0(tmp_path: Path) -> None:
    script = tmp_path / "two_lines.txt"
    script.write_text("north\nnorth\n", encoding="utf-8")  # a new scene each: narration and a state update run
    started = time.perf_counter()
    done = subprocess.run([str(TTA), "play", "--profile", "embedded", "--plain", "--script", str(script)],
                          cwd=ROOT, env=_env(tmp_path / "home"), capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert "terminate called" not in done.stderr and "Traceback" not in done.stderr
    print(f"embedded two-line script: exit 0 in {took:.1f} s")


@pytest.mark.parametrize("delay_s", [0.2, 1.5])
def test_quitting_while_models_load_exits_0(tmp_path: Path, delay_s: float) -> None:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", QUIT_WHILE_LOADING, str(delay_s)], cwd=ROOT,
                          env=_env(tmp_path / "home"), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "terminate called" not in done.stderr
    print(f"quit {delay_s} s into loading: exit 0 after {time.perf_counter() - started:.1f} s")
