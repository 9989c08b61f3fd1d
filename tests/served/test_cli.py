"""`tta models` and `tta models check` on served models, and `tta play --profile local-server` against a server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import main
from tests.served.conftest import ALIAS, Server, free_port

pytestmark = pytest.mark.served


def local_env(base_url: str) -> dict[str, str]:
    """Point settings.yaml's `local` model at `base_url` without editing the file."""
    return {"TTA_MODELS__LOCAL__BASE_URL": base_url, "TTA_MODELS__LOCAL__SERVED_MODEL": ALIAS}


def test_models_lists_served_models_with_reachability_and_latency(server: Server) -> None:
    result = CliRunner().invoke(main, ["models"], env=local_env(server.base_url))
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("local ") and server.base_url in line)
    assert " llama_cpp " in row and " yes " in row and row.rstrip().endswith("ms")
    down = f"http://127.0.0.1:{free_port()}/v1"
    result = CliRunner().invoke(main, ["models"], env=local_env(down))
    assert f"local: server unreachable at {down}" in result.output


def test_models_check_does_one_round_trip(server: Server) -> None:
    result = CliRunner().invoke(main, ["models", "check", "local"], env=local_env(server.base_url))
    assert result.exit_code == 0, result.output
    assert "dialect llama_cpp; outcome ok" in result.output
    assert "first token" in result.output and "reply: " in result.output
    down = f"http://127.0.0.1:{free_port()}/v1"
    failed = CliRunner().invoke(main, ["models", "check", "local"], env=local_env(down))
    assert failed.exit_code == 1 and f"server unreachable at {down}" in failed.output
    other = CliRunner().invoke(main, ["models", "check", "smollm2-135m"])
    assert other.exit_code == 1 and "not a served model" in other.output


def test_play_local_server_profile_plays_against_the_server(server: Server, tmp_path: Path) -> None:
    script = tmp_path / "lines.txt"
    script.write_text("look\nnorth\nquit\n", encoding="utf-8")
    env = {**os.environ, **local_env(server.base_url), "TTA_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "tta"), "play", "--profile", "local-server", "--plain", "-v", "--seed", "3",
         "--script", str(script)],
        capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "local" in result.stdout, result.stdout[-2000:]
