"""The crisis fine-tune as data: LoRA factors merged into the numpy MiniLM give the trainer's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.inference.embedder import locate_minilm
from engine.inference.lora import DENSE, Adapter, AdapterFileError, read_adapter, save_adapter
from engine.safety.adapter import load_adapter, tuned_head
from engine.safety.head import OUTPUTS
from engine.safety.minilm import MiniLMEncoder

MODEL = locate_minilm()
needs_model = pytest.mark.skipif(MODEL is None, reason="the shipped sentence model is not installed")
TEXTS = ["i took the whole box an hour ago", "go north", "my feet are killing me after that walk"]


def _random_adapter(seed: int, first: int = 3, rank: int = 4) -> Adapter:
    rng = np.random.default_rng(seed)
    widths = {"intermediate.dense": (1536, 384), "output.dense": (384, 1536)}
    factors = {}
    for layer in range(first, 6):
        for dense in DENSE:
            out, inp = widths.get(dense, (384, 384))
            a = rng.normal(0, 0.05, (rank, inp)).astype(np.float32)
            factors[f"encoder.layer.{layer}.{dense}.weight"] = (a, rng.normal(0, 0.05, (out, rank)).astype(np.float32))
    head = {"head_weights": rng.normal(0, 1, (384, len(OUTPUTS))), "head_bias": np.zeros(len(OUTPUTS))}
    meta = {"thresholds": {"check_in": 0.5, "crisis": 0.6, "imminent": 0.5}, "trained_on": ["test"]}
    return Adapter(factors, 0.5, meta, {k: np.asarray(v, dtype=np.float32) for k, v in head.items()})


@needs_model
def test_a_zero_adapter_gives_the_plain_vectors() -> None:
    assert MODEL is not None
    adapter = _random_adapter(1)
    zero = Adapter({name: (a, np.zeros_like(b)) for name, (a, b) in adapter.factors.items()}, 1.0, {})
    plain, tuned = MiniLMEncoder(MODEL).encode(TEXTS), MiniLMEncoder(MODEL, zero).encode(TEXTS)
    assert np.abs(plain - tuned).max() < 1e-6


@needs_model
def test_merged_weights_give_the_trainers_vectors() -> None:
    """The numpy encoder with merged factors and the torch layers the trainer runs agree to float rounding."""
    torch = pytest.importorskip("torch")
    from game.bench.adapter_training import TuneSettings, _Net

    assert MODEL is not None
    adapter = _random_adapter(2)
    net = _Net(MODEL, TuneSettings(first_tuned=3, rank=4, alpha=2.0))  # scale alpha/rank = 0.5, as the adapter's
    for name, (a, b) in adapter.factors.items():
        net.factors[name] = (torch.from_numpy(a), torch.from_numpy(b))
    with torch.no_grad():
        trained = net.vectors(net.lower(TEXTS)).numpy()
    merged = MiniLMEncoder(MODEL, adapter).encode(TEXTS)
    plain = MiniLMEncoder(MODEL).encode(TEXTS)
    assert np.abs(trained - merged).max() < 1e-4
    assert np.abs(plain - merged).max() > 1e-2  # the factors did change the vectors


def test_an_adapter_survives_its_file(tmp_path: Path) -> None:
    adapter = _random_adapter(3)
    path = tmp_path / "a.npz"
    save_adapter(path, adapter.factors, adapter.scale, adapter.meta, adapter.extra)
    again = read_adapter(path)
    assert again.scale == adapter.scale and set(again.factors) == set(adapter.factors)
    name = next(iter(adapter.factors))
    assert np.abs(again.factors[name][1] - adapter.factors[name][1]).max() < 1e-3  # stored as float16
    head = tuned_head(again)
    assert head.vector_only and head.fits(bank_version=99, categories=3)
    assert head.thresholds.crisis == 0.6


def test_a_damaged_adapter_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(AdapterFileError, match="broken.npz"):
        read_adapter(path)
    empty = tmp_path / "empty.npz"
    save_adapter(empty, {}, 1.0, {})
    with pytest.raises(AdapterFileError, match="changes no weight"):
        read_adapter(empty)


@needs_model
def test_an_adapter_that_does_not_fit_the_model_is_a_clear_error() -> None:
    from engine.safety.minilm import MiniLMUnavailable

    assert MODEL is not None
    wrong = Adapter({"encoder.layer.5.output.dense.weight": (np.zeros((2, 7), np.float32),
                                                             np.zeros((384, 2), np.float32))}, 1.0, {})
    with pytest.raises(MiniLMUnavailable, match="does not fit"):
        MiniLMEncoder(MODEL, wrong).encode(["hello"])


@needs_model
def test_a_tuned_encoder_names_its_fine_tune_and_has_a_plain_twin() -> None:
    assert MODEL is not None
    adapter = _random_adapter(4)
    tuned, plain = MiniLMEncoder(MODEL, adapter), MiniLMEncoder(MODEL)
    assert tuned.identity != plain.identity and adapter.digest in tuned.identity
    assert tuned.plain.identity == plain.identity and plain.plain is plain


def test_the_packaged_fine_tune_is_readable_and_records_its_material() -> None:
    adapter = load_adapter()
    assert adapter is not None, "engine/safety/data/crisis_adapter.npz is not shipped"
    head = tuned_head(adapter)
    assert head.vector_only and head.thresholds.crisis >= head.thresholds.imminent > 0
    trained = " ".join(adapter.meta["trained_on"])
    assert "crisis_dev8a" in trained and "heldout" not in trained  # never the held-out set


@needs_model
def test_the_packaged_stage_runs_the_fine_tune_and_the_matcher_gets_plain_vectors() -> None:
    from engine.safety.semantic import SemanticStage

    stage = SemanticStage.packaged()
    assert stage is not None and stage.head is not None and stage.head.vector_only
    assert stage.encoder.identity != stage.encoder.plain.identity


@needs_model
@pytest.mark.xfail(strict=True, reason="known false alarms of the fine-tune on vague commands (note of 2026-12-02)")
@pytest.mark.parametrize("text", ["do the thing with the stuff", "pocket that heavy metal thing"])
def test_vague_game_commands_raise_no_concern(text: str) -> None:
    from engine.safety.detector import CrisisDetector

    assert CrisisDetector().classify(text).level == "none"
