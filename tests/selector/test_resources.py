"""Resources: cached RAM/VRAM readings, torch only when already imported (eviction: tests/inference/test_manager)."""

from __future__ import annotations

import sys
import types

import pytest

from engine.selector import SystemResources
from engine.selector import resources as resources_module


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
