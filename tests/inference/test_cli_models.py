"""`tta models`, `tta models prepare`, `tta models pull` through click."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.tasks import TaskType
from game.cli import main

SETTINGS = """\
profile: mine
profiles:
  mine: [tiny-local, smol]
models:
  tiny-local:
    model_id: {local}
    source: local
    memory_requirement: 50
  smol:
    model_id: smollm2-135m-instruct
    source: embedded
    memory_requirement: 400
  remote:
    model_id: org/not-here
    source: hub
memory_budget_mb: 900
"""


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    local = tmp_path / "local-model"
    local.mkdir()
    (local / "config.json").write_text("{}")
    path = tmp_path / "settings.yaml"
    path.write_text(SETTINGS.format(local=local))
    monkeypatch.setenv("TTA_SETTINGS", str(path))
    monkeypatch.setenv("TTA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    return path


def test_models_lists_each_configured_model(settings_file: Path) -> None:
    result = CliRunner().invoke(main, ["models"])
    assert result.exit_code == 0, result.output
    table = result.output.split("memory budget")[0].splitlines()[2:]
    rows = {line.split()[0]: line.split() for line in table if line}
    assert rows["tiny-local"][1:2] + rows["tiny-local"][3:6] == ["local", "yes", "yes", "no"]
    # llama.cpp maps the GGUF inside the wheel: nothing to convert, so it counts as cached at once.
    assert rows["smol"][1:2] + rows["smol"][3:6] == ["embedded", "yes", "yes", "no"]
    assert rows["remote"][1:2] + rows["remote"][3:5] == ["hub", "no", "no"]
    assert "~400 MB" in result.output and "memory budget: 900 MB" in result.output


def test_models_says_which_backend_runs_each_model_and_why(settings_file: Path) -> None:
    from engine.inference.backends.llama_constraints import json_engine

    result = CliRunner().invoke(main, ["models"])
    assert result.exit_code == 0, result.output
    section = result.output.split("memory budget")[1]
    why = {line.split()[0]: line.split(None, 2)[1:] for line in section.splitlines()[2:] if line}
    # The embedded GGUF runs on llama.cpp because llama-cpp-python is installed here (it is in make test).
    assert why["smol"] == ["llama.cpp", f"auto → llama.cpp (GGUF, llama_cpp importable); JSON: {json_engine()}"]
    assert json_engine() == "llguidance"  # the torch-free default, pinned in pyproject.toml
    assert why["tiny-local"] == ["transformers", "auto → transformers (local model, not a GGUF)"]
    assert why["remote"] == ["transformers", "auto → transformers (hub model, not a GGUF)"]


def test_pull_fails_fast_offline(settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = CliRunner().invoke(main, ["models", "pull", "remote"])
    assert result.exit_code == 1
    assert result.output.strip() == "cannot download org/not-here: HF_HUB_OFFLINE is set"


def test_pull_rejects_unknown_and_non_hub_models(settings_file: Path) -> None:
    unknown = CliRunner().invoke(main, ["models", "pull", "nope"])
    assert unknown.exit_code == 1 and "hub models configured: remote" in unknown.output
    embedded = CliRunner().invoke(main, ["models", "pull", "smol"])
    assert embedded.exit_code == 1 and "not the hub" in embedded.output


def test_prepare_checks_the_ggufs_without_converting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TTA_CACHE", str(cache))
    first = CliRunner().invoke(main, ["models", "prepare"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert [line.split(":")[0] for line in lines] == ["smollm2-135m", "gemma3-270m"]
    assert all("ready for llama.cpp" in line for line in lines), lines
    assert not (cache / "smollm2-135m-instruct").exists()  # no safetensors conversion on the llama path
    assert (cache / "gguf" / "gemma-3-270m-q4_k_m.gguf.checked").is_file()  # assembled and checked once
    started = time.perf_counter()
    again = CliRunner().invoke(main, ["models", "prepare"])
    assert again.exit_code == 0 and time.perf_counter() - started < 2.0  # the check is quick the second time


def test_add_writes_a_loadable_entry_for_a_local_gguf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.inference.sources.embedded import EMBEDDED
    from engine.settings import load_settings

    gguf = EMBEDDED["smollm2-135m-instruct"].gguf_path(tmp_path)
    settings = tmp_path / "settings.yaml"
    settings.write_text(SETTINGS.format(local=tmp_path) + "\n# the end\nselector:\n  latency_weight: 0.3\n")
    monkeypatch.setenv("TTA_SETTINGS", str(settings))
    result = CliRunner().invoke(main, ["models", "add", "mine", str(gguf)])
    assert result.exit_code == 0, result.output
    loaded = load_settings(settings)
    mine = loaded.models["mine"]
    assert mine.source == "local" and mine.model_id == str(gguf) and mine.backend == "auto"
    assert mine.fit(TaskType.NARRATIVE_GENERATION).suitable  # SmolLM2's GGUF has a chat template
    assert mine.fit(TaskType.NARRATIVE_GENERATION).quality_score < 0.5  # conservative until it proves itself
    assert loaded.selector.latency_weight == 0.3 and "# the end" in settings.read_text()
    twice = CliRunner().invoke(main, ["models", "add", "mine", str(gguf)])
    assert twice.exit_code == 1 and "exists already" in twice.output


def test_add_refuses_a_file_that_is_not_gguf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"not a model")
    settings = tmp_path / "settings.yaml"
    settings.write_text(SETTINGS.format(local=tmp_path))
    monkeypatch.setenv("TTA_SETTINGS", str(settings))
    before = settings.read_text()
    result = CliRunner().invoke(main, ["models", "add", "mine", str(fake)])
    assert result.exit_code == 1 and "not a GGUF file" in result.output
    assert settings.read_text() == before
