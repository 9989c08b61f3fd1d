"""The whole pipeline on the real embedded models: the walkthrough ends as on rules; paraphrases resolve."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.storytest.paraphrases import evaluate, load_cases
from engine.turn.cascade import ParseCascade
from engine.turn.config import TurnConfig
from game.factory import Services, build_services
from tests.walkthrough import ENDING, SAMPLE, authoritative, play_walkthrough, rules_walkthrough

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Embedded-profile services with both models loaded once for this module."""
    services = build_services(profile="embedded", data_dir=tmp_path_factory.mktemp("home"), rng_seed=5)
    assert services.warm() == []
    yield services
    services.close()


def test_walkthrough_on_embedded_models_matches_rules(embedded: Services, tmp_path: Path) -> None:
    with_models = play_walkthrough(embedded)
    without = rules_walkthrough(tmp_path)
    assert with_models.ended is not None and with_models.ended.id == ENDING
    assert authoritative(with_models) == authoritative(without)
    rows = {(r.model, r.task) for r in embedded.selector.stats() if r.selections}
    assert any(task == "narrative_generation" for _, task in rows), rows
    assert any(task == "structured_output" for _, task in rows), rows


def test_held_out_paraphrases_resolve(embedded: Services) -> None:
    from engine.story import load_story

    story = load_story(SAMPLE)
    # paraphrases.yaml shaped the method; paraphrases-fresh.yaml was written afterwards and never tuned on.
    cases = load_cases(SAMPLE / "paraphrases.yaml") + load_cases(SAMPLE / "paraphrases-fresh.yaml")
    cascade = ParseCascade(embedded.selector, embedded.manager, TurnConfig(), embedded.matcher)
    result = evaluate(story, cases, cascade, "cascade")
    print(f"\n[paraphrases] cascade {result.right}/{result.total} = {result.accuracy:.0%}; misses: {result.misses}")
    assert result.total >= 60
    # Measured 59/65 (91%) here; the bar sits a case or two lower so float noise in a model's scores on another
    # CPU cannot fail CI. `tta bench --turns` reports the figure itself.
    assert result.accuracy >= 0.88, result.misses
