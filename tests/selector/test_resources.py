"""Resources: cached RAM/VRAM readings, torch only when already imported, and the LRU unload plan."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

import pytest

from engine.selector import SystemResources, plan_unload
from engine.selector import resources as resources_module


@dataclass
class Loaded:
    name: str
    mb: int
    last_used: float


def test_plan_unload_least_recently_used_first() -> None:
    loaded = [Loaded("a", 1000, last_used=30), Loaded("b", 2000, last_used=10), Loaded("c", 1500, last_used=20)]
    assert plan_unload(loaded, incoming_mb=0, budget_mb=5000) == []
    assert plan_unload(loaded, incoming_mb=1000, budget_mb=5000) == ["b"]
    assert plan_unload(loaded, incoming_mb=3000, budget_mb=5000) == ["b", "c"]
    assert plan_unload(loaded, incoming_mb=3000, budget_mb=5000, keep={"b"}) == ["c", "a"]
    assert plan_unload(loaded, incoming_mb=9000, budget_mb=5000) == ["b", "c", "a"]


def test_system_readings_are_cached(clock, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fake_memory():
        calls.append(1)
        return types.SimpleNamespace(available=2048 * 1024 * 1024)

    monkeypatch.setattr(resources_module.psutil, "virtual_memory", fake_memory)
    probe = SystemResources(ttl_s=1.0, clock=clock)
    assert probe.free_ram_mb() == 2048
    probe.free_ram_mb()
    probe.free_vram_mb()
    assert len(calls) == 1
    clock.advance(1.5)
    probe.free_ram_mb()
    assert len(calls) == 2


def test_vram_is_read_only_from_an_already_imported_torch(clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    assert SystemResources(clock=clock).free_vram_mb() is None
    cuda = types.SimpleNamespace(is_available=lambda: True, mem_get_info=lambda: (3 * 1024**3, 8 * 1024**3))
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(cuda=cuda))
    assert SystemResources(clock=clock).free_vram_mb() == 3072
    no_gpu = types.SimpleNamespace(is_available=lambda: False)
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(cuda=no_gpu))
    assert SystemResources(clock=clock).free_vram_mb() is None


def test_real_probe_reads_something() -> None:
    assert SystemResources().free_ram_mb() > 0


def test_selector_plans_unloads_against_its_budget(project_settings, make_selector) -> None:
    selector = make_selector(project_settings.model_copy(update={"memory_budget_mb": 5000}), profile="seed")
    loaded = [Loaded("gemma-3-1b-it", 2000, last_used=5), Loaded("qwen2.5-0.5b", 1000, last_used=9)]
    assert selector.plan_unload("phi-4-mini-instruct", loaded) == ["gemma-3-1b-it"]
    assert selector.plan_unload("qwen2.5-0.5b", loaded) == []
