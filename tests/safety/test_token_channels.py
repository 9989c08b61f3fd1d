"""The crisis head's token channels (round 7): the states are the encoder's own, the channels round-trip in the
head file and pool by max (a crisis in one place of a long input is not diluted), and training them separates
what it is shown."""

from __future__ import annotations

import numpy as np
import pytest

from engine.inference.embedder import locate_minilm
from engine.inference.minilm import MiniLMEncoder
from engine.safety.head import HeadFileError, HeadThresholds, LinearHead, parse_head
from engine.safety.token_pool import TokenChannels, pooled_vectors
from engine.safety.training import Settings

MODEL = locate_minilm()
needs_model = pytest.mark.skipif(MODEL is None, reason="the shipped sentence model is not installed")


def _channels(rng: np.random.Generator, k: int = 2) -> TokenChannels:
    return TokenChannels(rng.normal(size=(384, k)).astype(np.float32), rng.normal(size=k).astype(np.float32),
                         rng.normal(size=(k, 3)).astype(np.float32))


@needs_model
def test_token_states_pool_to_the_encoders_sentence_vectors() -> None:
    assert MODEL is not None
    encoder = MiniLMEncoder(MODEL)
    texts = ["i cant do this anymore", "go north and take the key, then talk to ana about the storm"]
    states = encoder.encode_tokens(texts)
    assert [s.shape[1] for s in states] == [384, 384] and states[1].shape[0] > states[0].shape[0]
    assert np.all((pooled_vectors(states) * encoder.encode(texts)).sum(axis=1) > 0.9999)


def test_channels_pool_by_max_so_a_long_input_keeps_its_strongest_token() -> None:
    rng = np.random.default_rng(3)
    mixed = _channels(rng, k=3)
    channels = TokenChannels(mixed.project, mixed.bias, np.eye(3, dtype=np.float32))  # logits = the channel maxima
    hot = rng.normal(size=(1, 384)).astype(np.float32)
    filler = rng.normal(size=(30, 384)).astype(np.float32)
    alone, padded = channels.logits([hot, np.concatenate([filler[:15], hot, filler[15:]])])
    assert np.all(padded >= alone - 1e-5)  # more words never hide the strongest place
    unit = hot / np.linalg.norm(hot) * 20.0
    assert np.allclose(alone, (unit @ channels.project + channels.bias)[0], atol=1e-4)


def test_a_head_with_channels_round_trips_and_needs_the_states() -> None:
    rng = np.random.default_rng(1)
    head = LinearHead(rng.normal(size=(5, 3)).astype(np.float32), np.zeros(3, dtype=np.float32),
                      HeadThresholds(0.3, 0.6, 0.4), tokens=_channels(rng))
    again = parse_head(head.to_json(), "head.json")
    assert again.tokens is not None and head.tokens is not None
    assert np.allclose(again.tokens.project, head.tokens.project, atol=1e-5)
    vectors, side = rng.normal(size=(2, 3)).astype(np.float32), rng.normal(size=(2, 2)).astype(np.float32)
    states = [rng.normal(size=(4, 384)).astype(np.float32), rng.normal(size=(9, 384)).astype(np.float32)]
    assert np.allclose(again.probabilities(vectors, side, states), head.probabilities(vectors, side, states),
                       atol=1e-3)
    with pytest.raises(ValueError, match="token states"):
        head.probabilities(vectors, side)
    broken = head.to_json().replace('"mix":[[', '"mix":[[[')
    with pytest.raises(HeadFileError, match="head.json"):
        parse_head(broken, "head.json")


def test_training_with_channels_finds_the_one_token_that_matters() -> None:
    pytest.importorskip("torch")
    from game.bench.token_training import fit_tokens

    rng = np.random.default_rng(0)
    marker = rng.normal(size=384).astype(np.float32)
    states, labels = [], []
    for index in range(80):
        tokens = rng.normal(size=(int(rng.integers(5, 20)), 384)).astype(np.float32)
        if index % 2:  # the positives carry the marker at one place only, anywhere in the text
            tokens[int(rng.integers(0, len(tokens)))] = marker * 3
        states.append(tokens)
        labels.append("crisis" if index % 2 else "none")
    vectors, side = pooled_vectors(states), np.zeros((80, 2), dtype=np.float32)
    head = fit_tokens(vectors, side, states, labels, Settings(token_channels=2, steps=150))
    chances = head.probabilities(vectors, side, states)
    positive = np.array([label != "none" for label in labels])
    assert chances[positive, 0].min() > chances[~positive, 0].max()
