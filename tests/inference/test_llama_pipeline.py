"""The embedded profile runs on llama.cpp by default, and its walkthrough ends as on the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference.backends.llama_cpp import LlamaCppBackend
from game.factory import build_services
from tests.walkthrough import ENDING, authoritative, play_walkthrough, rules_walkthrough

pytestmark = pytest.mark.models


def test_embedded_walkthrough_on_llama_cpp_matches_rules(tmp_path: Path) -> None:
    embedded = build_services(profile="embedded", data_dir=tmp_path / "embedded", rng_seed=5)
    try:
        assert embedded.warm() == []
        backends = {name: embedded.manager.get(name) for name in embedded.settings.active_models()}
        assert all(isinstance(b, LlamaCppBackend) for b in backends.values()), backends
        with_models = play_walkthrough(embedded)
        used = {(row.model, row.task) for row in embedded.selector.stats() if row.selections}
    finally:
        embedded.close()
    without = rules_walkthrough(tmp_path / "rules")
    assert with_models.ended is not None and with_models.ended.id == ENDING
    assert authoritative(with_models) == authoritative(without)
    assert any(task == "narrative_generation" for _, task in used), used  # the models did take part
    assert any(task == "structured_output" for _, task in used), used  # and proposed state updates
