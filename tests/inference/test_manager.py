"""ModelManager: on-demand loading, LRU under the memory budget, unload, availability."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference import GenerationRequest, MemoryBudgetError, ModelManager, ScriptedBackend, UnknownModelError
from engine.inference.backends.hf_loading import ModelUnavailableError
from engine.inference.config import ModelConfig


class SizedBackend(ScriptedBackend):
    """A scripted backend that reports a memory size and whether (and in which order) it was closed."""

    def __init__(self, name: str, mb: float, closings: list[str]) -> None:
        super().__init__(name, ["ok"])
        self.mb = mb
        self.closed = False
        self.closings = closings
        """Names of closed backends of this manager, in closing order (shared among them)."""

    def memory_mb(self) -> float:
        return self.mb

    def close(self) -> None:
        self.closed = True
        self.closings.append(self.name)


def manager(budget: int, sizes: dict[str, int], tmp_path: Path) -> tuple[ModelManager, list[SizedBackend]]:
    configs = {name: ModelConfig(model_id=name, source="local", memory_requirement=mb) for name, mb in sizes.items()}
    made: list[SizedBackend] = []
    closings: list[str] = []

    def loader(name: str, config: ModelConfig, cache_dir: Path) -> SizedBackend:
        assert cache_dir == tmp_path
        backend = SizedBackend(name, config.memory_requirement, closings)
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


def evictions(budget: int, incoming_mb: int, tmp_path: Path, touch: str | None = None) -> list[str]:
    """Load b (2000 MB), c (1500), a (1000) in that order (so b is least recently used), optionally use `touch`
    again, then load an incoming model of `incoming_mb`: the models unloaded for it, in order."""
    sizes = {"b": 2000, "c": 1500, "a": 1000, "incoming": incoming_mb}
    mgr, made = manager(budget, sizes, tmp_path)
    for name in ("b", "c", "a"):
        mgr.get(name)
    if touch is not None:
        mgr.get(touch)
    closings = made[0].closings
    mgr.get("incoming")
    return list(closings)


def test_eviction_is_least_recently_used_first_and_only_as_much_as_needed(tmp_path: Path) -> None:
    # The assertions of the selector's former plan_unload, now on the one eviction there is.
    assert evictions(5000, 0, tmp_path / "0") == []
    assert evictions(5000, 500, tmp_path / "1") == []  # 4500 + 500 fits
    assert evictions(5000, 1000, tmp_path / "2") == ["b"]
    assert evictions(5000, 3000, tmp_path / "3") == ["b", "c"]
    # A model just used is the most recent: it is kept and the next oldest go.
    assert evictions(5000, 3000, tmp_path / "4", touch="b") == ["c", "a"]


def test_eviction_against_the_budget_spares_a_loaded_incoming_model(tmp_path: Path) -> None:
    sizes = {"gemma": 2000, "qwen": 1000, "phi": 4000}
    mgr, made = manager(5000, sizes, tmp_path)
    gemma, qwen = mgr.get("gemma"), mgr.get("qwen")
    assert mgr.get("qwen") is qwen and not gemma.closed  # already loaded: nothing unloaded
    mgr.get("phi")
    assert made[0].closings == ["gemma"]  # 1000 + 4000 fits the 5000 MB budget
    assert sorted(mgr.loaded_names()) == ["phi", "qwen"]


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
        "embedded-parts": ModelConfig(model_id="gemma3-270m", source="embedded"),
        "embedded-hf": ModelConfig(model_id="smollm2-135m-instruct", source="embedded", backend="transformers"),
        "gguf-missing": ModelConfig(model_id=str(tmp_path / "none.gguf"), source="local"),
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
    assert mgr.is_cached("embedded")  # llama.cpp maps the GGUF inside the wheel: nothing to prepare
    assert mgr.is_available("embedded-parts") and not mgr.is_cached("embedded-parts")  # not assembled yet
    assert mgr.is_available("embedded-hf") and not mgr.is_cached("embedded-hf")  # transformers: not converted
    assert not mgr.is_available("gguf-missing")
    assert not mgr.is_available("embedded-unknown")
    with pytest.raises(ModelUnavailableError, match="not in the hub cache"):
        from engine.inference.backends.hf_loading import model_files

        model_files(ModelConfig(model_id="org/other", source="hub"), tmp_path)


def test_auto_backend_resolves_gguf_sources_to_llama_cpp(tmp_path: Path) -> None:
    from engine.inference.backends.resolve import resolve_backend

    gguf = ModelConfig.model_validate({"model_id": str(tmp_path / "m.gguf"), "source": "local"})
    short = ModelConfig.model_validate({"source": str(tmp_path / "m.gguf")})  # `source: path.gguf` shorthand
    assert short.source == "local" and short.model_id == str(tmp_path / "m.gguf")
    assert resolve_backend(gguf) == resolve_backend(short) == "llama_cpp"
    assert resolve_backend(ModelConfig(model_id="smollm2-135m-instruct", source="embedded")) == "llama_cpp"
    assert resolve_backend(ModelConfig(model_id="org/x", source="hub")) == "transformers"
    assert resolve_backend(ModelConfig(model_id=str(tmp_path), source="local")) == "transformers"
    with pytest.raises(ValueError, match="give the .gguf path once"):
        ModelConfig.model_validate({"model_id": "other", "source": str(tmp_path / "m.gguf")})


@pytest.mark.models
def test_manager_serves_embedded_models_on_llama_cpp_and_accounts_their_memory(tmp_path: Path) -> None:
    from engine.inference.backends.llama_cpp import LlamaCppBackend
    from engine.paths import cache_home

    configs = {name: ModelConfig(model_id=mid, source="embedded", memory_requirement=50)
               for name, mid in (("smol", "smollm2-135m-instruct"), ("gemma", "gemma3-270m"))}
    mgr = ModelManager(configs, 2000, cache_home())
    smol, gemma = mgr.get("smol"), mgr.get("gemma")
    assert isinstance(smol, LlamaCppBackend) and isinstance(gemma, LlamaCppBackend)
    sizes = {info.name: info.mb for info in mgr.loaded()}
    # Measured, not the configured 50 MB: weights (92 / 235 MB) + compute buffers + the full KV cache.
    assert sizes["smol"] > 92 + smol.session.kv_bytes() / 2**20 and sizes["gemma"] > 235
    assert mgr.used_mb() == pytest.approx(sum(sizes.values()))
    mgr.close()
    assert mgr.loaded() == [] and smol.generate(GenerationRequest(prompt="Hi")).outcome == "error"
