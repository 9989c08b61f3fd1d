"""The numpy MiniLM's file reader and the action matcher built on it (the encoder the crisis stage shares)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.inference.embedder import SentenceEmbedder, locate_minilm
from engine.inference.minilm import MiniLMEncoder, MiniLMUnavailable, read_safetensors

MODEL = locate_minilm()
needs_model = pytest.mark.skipif(MODEL is None, reason="the shipped sentence model is not installed")


@needs_model
def test_the_reader_gives_the_files_exact_tensors_with_the_table_left_on_disk() -> None:
    import numpy as np
    from safetensors.numpy import load_file

    assert MODEL is not None
    ours = read_safetensors(MODEL / "model.safetensors")
    theirs = load_file(str(MODEL / "model.safetensors"))
    assert ours.keys() == theirs.keys()
    table_name = "embeddings.word_embeddings.weight"
    for name, tensor in theirs.items():
        if name != table_name:
            assert ours[name].dtype == tensor.dtype and np.array_equal(ours[name], tensor), name
    table, full = ours[table_name], theirs[table_name]
    assert not isinstance(table, np.ndarray)  # read row by row, never held whole
    assert table.shape == full.shape
    ids = np.array([[101, 7592, 2088, 102, 0], [101, 102, 0, 0, 0]])  # repeats, padding and the last row too
    assert np.array_equal(table[ids], full[ids])
    assert np.array_equal(table[np.array([full.shape[0] - 1])], full[-1:])


def test_a_damaged_weights_file_is_reported_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "model.safetensors"
    broken.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    with pytest.raises(MiniLMUnavailable, match="cannot read the sentence model"):
        read_safetensors(broken)


@needs_model
def test_the_matcher_ranks_the_meant_action_first_and_keeps_only_option_vectors() -> None:
    assert MODEL is not None
    encoder = MiniLMEncoder(MODEL)
    matcher = SentenceEmbedder(encoder)
    options = ["look around", "go east", "take the lamp"]
    sims = matcher.similarities("pick up the lantern", options)
    assert max(range(3), key=sims.__getitem__) == 2, sims
    again = matcher.similarities("pick up the lantern", options)
    assert again == sims
    # The kept option vectors are the encoder's own (batched with the query then, alone now: same up to rounding).
    import numpy as np

    assert np.allclose(matcher.encode(options), encoder.encode(options), atol=1e-6)
    assert matcher.encoder is encoder


@needs_model
def test_many_texts_embedded_in_length_groups_match_each_embedded_alone() -> None:
    import numpy as np

    assert MODEL is not None
    encoder = MiniLMEncoder(MODEL)
    texts = [("the rain keeps falling on the old stone steps " * (i % 5 + 1)).strip() + f" {i}" for i in range(40)]
    together = encoder.encode(texts)
    alone = np.concatenate([encoder.encode([text]) for text in texts])
    assert together.shape == (40, 384)
    assert ((together * alone).sum(axis=1) > 0.99999).all()
    assert np.abs(together - alone).max() < 1e-5
