"""The bank's vectors ship with the package: they match the bank as it is, equal a fresh embedding, and a stale or
damaged copy is ignored (the stage embeds the bank itself, as before)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.safety.bank_vectors import bank_key, load_vectors, save_vectors, shipped_path
from engine.safety.detector import CrisisDetector
from engine.safety.exemplars import load_bank


def test_the_shipped_vectors_are_this_banks_and_equal_a_fresh_embedding(detector: CrisisDetector) -> None:
    bank = load_bank()
    texts = [t for c in bank.categories for t in c.exemplars]
    assert detector.semantic is not None
    encoder = detector.semantic.encoder
    found = load_vectors(shipped_path(), bank_key(texts, bank.counter, encoder.identity), len(texts), len(bank.counter))
    assert found is not None, "the bank changed: run `tta safety train` to rewrite the shipped vectors"
    picks = [0, len(texts) // 2, len(texts) - 1]
    fresh = encoder.encode([texts[i] for i in picks])
    assert np.all((fresh * found[0][picks]).sum(axis=1) > 0.9999)
    assert np.all((encoder.encode(list(bank.counter[:2])) * found[1][:2]).sum(axis=1) > 0.9999)


def test_a_stale_or_damaged_copy_is_ignored(tmp_path: Path) -> None:
    vectors, counter = np.ones((3, 4), np.float32), np.ones((1, 4), np.float32)
    key = bank_key(["a", "b", "c"], ["d"], "enc")
    save_vectors(tmp_path / "v.npz", key, vectors, counter)
    assert load_vectors(tmp_path / "v.npz", key, 3, 1) is not None
    assert load_vectors(tmp_path / "v.npz", bank_key(["a", "b", "x"], ["d"], "enc"), 3, 1) is None  # another bank
    assert load_vectors(tmp_path / "v.npz", key, 4, 1) is None
    (tmp_path / "v.npz").write_bytes(b"PK\x03\x04 not really a zip")
    assert load_vectors(tmp_path / "v.npz", key, 3, 1) is None
    assert load_vectors(tmp_path / "missing.npz", key, 3, 1) is None
