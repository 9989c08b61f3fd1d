"""`tta models`, `tta models prepare`, `tta models pull` through click."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

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
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[2:] if line and "budget" not in line}
    assert rows["tiny-local"][1:2] + rows["tiny-local"][3:6] == ["local", "yes", "yes", "no"]
    assert rows["smol"][1:2] + rows["smol"][3:6] == ["embedded", "yes", "no", "no"]  # empty TTA_CACHE: not converted
    assert rows["remote"][1:2] + rows["remote"][3:5] == ["hub", "no", "no"]
    assert "~400 MB" in result.output and "memory budget: 900 MB" in result.output


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


def test_prepare_is_a_quick_no_op_when_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    for name in ("smollm2-135m-instruct", "gemma3-270m"):
        (cache / name).mkdir(parents=True)
        (cache / name / "config.json").write_text("{}")
    monkeypatch.setenv("TTA_CACHE", str(cache))
    result = CliRunner().invoke(main, ["models", "prepare"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["smollm2-135m-instruct: cached", "gemma3-270m: cached"]
