"""Clean exits with llama.cpp models loaded: a real `tta play --plain --script`, and an exit mid-generation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.story.loader import bundled_stories_root
from game.bench.turns_bench import walkthrough_commands

pytestmark = pytest.mark.models

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TTA_HOME": str(home)}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env, check=False)


def test_a_short_embedded_plain_script_exits_cleanly(tmp_path: Path) -> None:
    script = tmp_path / "four.txt"
    script.write_text("\n".join(walkthrough_commands(bundled_stories_root() / "lantern_house")[:4]) + "\n")
    tta = str(Path(sys.executable).parent / "tta")
    done = run([tta, "play", "--plain", "--profile", "embedded", "-v", "--seed", "3",
                "--script", str(script)], tmp_path / "home")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "The Shore Path" in done.stdout  # the opening
    assert "smollm2-135m" in done.stdout or "gemma3-270m" in done.stdout  # models served turns (-v shows which)
    for trouble in ("Traceback", "Exception ignored", "Segmentation", "Fatal Python error"):
        assert trouble not in done.stderr, done.stderr[-2000:]


EXIT_MID_STREAM = """
import sys
from engine.inference import GenerationRequest, Message
from engine.inference.config import GenParams
from game.factory import build_services

services = build_services(profile="embedded", use_matcher=False)
assert services.warm() == []
backend = services.manager.get("smollm2-135m")
request = GenerationRequest(messages=[Message(role="user", content="Tell a very long story.")],
                            params=GenParams(max_tokens=2000), stream=True)
response = backend.generate(request)
next(iter(response))              # generation is running on its own thread now
services.close()                  # what every command does on the way out
print(response.wait(5).outcome, response.error)
sys.exit(0)
"""


def test_exit_while_a_reply_streams_stops_it_and_frees_the_model(tmp_path: Path) -> None:
    done = run([sys.executable, "-c", EXIT_MID_STREAM], tmp_path / "home", timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("error") and "unloaded" in done.stdout
    assert "Exception ignored" not in done.stderr and "Fatal Python error" not in done.stderr


OMP_PROBE = """
import os
from engine.inference.backends.llama_library import import_llama
import_llama()
print(os.environ.get("OMP_WAIT_POLICY"))
"""


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_is_told_not_to_spin_unless_the_user_said_otherwise(
    tmp_path: Path, given: str | None, expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given is not None:
        env["OMP_WAIT_POLICY"] = given
    done = subprocess.run([sys.executable, "-c", OMP_PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60, check=True)
    assert done.stdout.strip() == expected
