"""The trained crisis head: its data file round-trips and rejects bad files, its tiers follow the thresholds,
training separates what it is shown, cross-validation keeps paraphrases in one fold, and the shipped head
fits the shipped bank and model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.inference.embedder import locate_minilm
from engine.safety.crossval import gather
from engine.safety.exemplars import load_bank
from engine.safety.head import HeadFileError, HeadThresholds, LinearHead, load_head, parse_head
from engine.safety.lexical import SIGNALS
from engine.safety.semantic import SemanticStage
from engine.safety.training import Settings, fit

MODEL = locate_minilm()
needs_model = pytest.mark.skipif(MODEL is None, reason="the shipped sentence model is not installed")


def _head(**limits: float) -> LinearHead:
    return LinearHead(np.zeros((4, 3), dtype=np.float32), np.zeros(3, dtype=np.float32), HeadThresholds(**limits))


@pytest.mark.parametrize(("chances", "tier"), [
    ((0.1, 0.9, 0.9), "none"),          # no response owed, whatever the other outputs say
    ((0.4, 0.1, 0.0), "check-in"),
    ((0.8, 0.2, 0.9), "check-in"),      # a crisis needs the crisis output too
    ((0.8, 0.8, 0.1), "crisis"),
    ((0.8, 0.8, 0.6), "imminent"),
])
def test_tiers_follow_the_heads_thresholds(chances: tuple[float, float, float], tier: str) -> None:
    assert _head(check_in=0.3, crisis=0.7, imminent=0.5).tier(*chances) == tier


def test_the_data_file_round_trips() -> None:
    rng = np.random.default_rng(1)
    head = LinearHead(rng.normal(size=(5, 3)).astype(np.float32), np.array([0.5, -1.0, 2.0], dtype=np.float32),
                      HeadThresholds(0.3, 0.6, 0.4), trained_on=("bank (3)",), agree=True, slack=0.02, bank_version=4)
    again = parse_head(head.to_json(), "head.json")
    assert np.allclose(again.weights, head.weights, atol=1e-5) and np.allclose(again.bias, head.bias)
    assert (again.thresholds, again.trained_on, again.agree, again.slack, again.bank_version) == (
        head.thresholds, ("bank (3)",), True, 0.02, 4)


@pytest.mark.parametrize("text", ["not json", '{"weights": [[1, 2]], "bias": [0, 0, 0]}',
                                  '{"model": "m", "thresholds": {}, "weights": [[1, 2]], "bias": [0, 0, 0]}'])
def test_a_broken_head_file_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "head.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HeadFileError, match=str(path)):
        load_head(path)


def test_training_separates_the_tiers_it_is_shown() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 8))
    labels = ["none"] * 60 + ["crisis"] * 30 + ["imminent"] * 30
    points = np.concatenate([centres[0] + 0.3 * rng.normal(size=(60, 8)), centres[1] + 0.3 * rng.normal(size=(30, 8)),
                             centres[2] + 0.3 * rng.normal(size=(30, 8))])
    vectors = points / np.linalg.norm(points, axis=1, keepdims=True)
    head = fit(vectors[:, :6], vectors[:, 6:], labels, Settings(l2=1e-4, steps=300))  # type: ignore[arg-type]
    tiers = [head.tier(*(float(p) for p in row)) for row in head.probabilities(vectors[:, :6], vectors[:, 6:])]
    assert tiers[:60].count("none") >= 57
    assert tiers[60:90].count("crisis") >= 27 and tiers[90:].count("imminent") >= 27


@needs_model
def test_paraphrases_share_a_group_so_they_never_straddle_folds(tmp_path: Path) -> None:
    assert MODEL is not None
    cases = tmp_path / "cases.yaml"
    cases.write_text("crisis: ['i really want to die tonight', 'i really want to die tonight.']\n"
                     "none: ['go north to the harbour']\n", encoding="utf-8")
    stage = SemanticStage.packaged()
    assert stage is not None and stage.warm()
    material = gather(stage, [cases])
    groups = [e.group for e in material.examples if e.source == "cases"]
    assert groups[0] == groups[1] != groups[2]
    assert len(material.cases) == 3 and {e.source for e in material.examples} == {"bank", "cases"}


@needs_model
def test_the_shipped_head_fits_the_shipped_bank_and_model() -> None:
    head, bank = load_head(), load_bank()
    assert head is not None and head.model == bank.model
    assert head.fits(bank.version, len(bank.categories)), "the bank changed: run `tta safety train`"
    assert not head.fits(bank.version + 1, len(bank.categories))
    stage = SemanticStage.packaged()
    assert stage is not None and stage.head is not None and stage.warm()
    assert head.weights.shape == (384 + len(stage.bank.categories) + 2 + len(SIGNALS), 3)
    crisis, game = stage.judge(["honestly i dont want to be alive anymore", "open the chest and take the gold"])
    assert crisis.tier in {"crisis", "imminent"} and game.tier == "none"
