"""ModelManager: on-demand loading, LRU under the memory budget, unload, availability."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference import MemoryBudgetError, ModelManager, ScriptedBackend, UnknownModelError
from engine.inference.backends.hf_loading import ModelUnavailableError
from engine.inference.config import ModelConfig


class SizedBackend(ScriptedBackend):
    """A scripted backend that reports a memory size and whether it was closed."""

    def __init__(self, name: str, mb: float) -> None:
        super().__init__(name, ["ok"])
        self.mb = mb
        self.closed = False

    def memory_mb(self) -> float:
        return self.mb

    def close(self) -> None:
        self.closed = True


def manager(budget: int, sizes: dict[str, int], tmp_path: Path) -> tuple[ModelManager, list[SizedBackend]]:
    configs = {name: ModelConfig(model_id=name, source="local", memory_requirement=mb) for name, mb in sizes.items()}
    made: list[SizedBackend] = []

    def loader(name: str, config: ModelConfig, cache_dir: Path) -> SizedBackend:
        assert cache_dir == tmp_path
        backend = SizedBackend(name, config.memory_requirement)
        made.append(backend)
        return backend

    return ModelManager(configs, budget, tmp_path, loader=loader), made


def test_loads_once_and_reuses(tmp_path: Path) -> None:
    mgr, made = manager(1000, {"a": 300}, tmp_path)
    assert mgr.get("a") is mgr.get("a")
    assert len(made) == 1
    assert [(info.name, info.mb) for info in mgr.loaded()] == [("a", 300)]


def test_evicts_least_recently_used_to_fit(tmp_path: Path) -> None:
    mgr, made = manager(1000, {"a": 400, "b": 400, "c": 400}, tmp_path)
    a, _b = mgr.get("a"), mgr.get("b")
    mgr.get("a")  # a is now more recent than b
    mgr.get("c")
    assert sorted(mgr.loaded_names()) == ["a", "c"]
    assert made[1].closed and not made[0].closed
    assert a is mgr.get("a")
    assert mgr.used_mb() == 800


def test_model_larger_than_budget_is_refused(tmp_path: Path) -> None:
    mgr, _ = manager(500, {"huge": 900}, tmp_path)
    with pytest.raises(MemoryBudgetError, match="900 MB"):
        mgr.get("huge")


def test_unknown_name_lists_configured_ones(tmp_path: Path) -> None:
    mgr, _ = manager(500, {"a": 1, "b": 1}, tmp_path)
    with pytest.raises(UnknownModelError, match="configured: a, b"):
        mgr.get("zzz")


def test_unload_and_register(tmp_path: Path) -> None:
    mgr, made = manager(500, {"a": 100}, tmp_path)
    mgr.get("a")
    assert mgr.unload("a") and made[0].closed
    assert not mgr.unload("a")
    scripted = ScriptedBackend("fake", ["hello"])
    mgr.register("fake", scripted)
    assert mgr.get("fake") is scripted
    assert mgr.is_available("fake") and mgr.is_cached("fake")
    assert [info.name for info in mgr.loaded()] == ["fake"]


def test_scripted_config_without_registration_is_unavailable(tmp_path: Path) -> None:
    mgr = ModelManager({"s": ModelConfig(model_id="s", backend="scripted")}, 100, tmp_path)
    assert not mgr.is_available("s")
    with pytest.raises(ModelUnavailableError):
        mgr.get("s")


def test_availability_per_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    local = tmp_path / "local-model"
    configs = {
        "local-missing": ModelConfig(model_id=str(tmp_path / "nowhere"), source="local"),
        "local": ModelConfig(model_id=str(local), source="local"),
        "hub": ModelConfig(model_id="org/tiny", source="hub"),
        "embedded": ModelConfig(model_id="smollm2-135m-instruct", source="embedded"),
        "embedded-unknown": ModelConfig(model_id="no-such-model", source="embedded"),
    }
    mgr = ModelManager(configs, 100, tmp_path / "cache")
    assert not mgr.is_available("local") and not mgr.is_available("local-missing")
    local.mkdir()
    (local / "config.json").write_text("{}")
    assert mgr.is_available("local") and mgr.is_cached("local")
    assert not mgr.is_available("hub")
    snapshot = tmp_path / "hf" / "hub" / "models--org--tiny" / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    (snapshot / "model.safetensors").write_bytes(b"")
    assert mgr.is_available("hub") and mgr.is_cached("hub")
    assert mgr.is_available("embedded")  # the package is installed by `make setup`
    assert not mgr.is_cached("embedded")  # an empty cache folder: not converted there
    assert not mgr.is_available("embedded-unknown")
    with pytest.raises(ModelUnavailableError, match="not in the hub cache"):
        from engine.inference.backends.hf_loading import model_files

        model_files(ModelConfig(model_id="org/other", source="hub"), tmp_path)
