"""The repetition penalty spares special tokens and the prompt; stop strings reach generate()."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from engine.inference.backends.hf_runtime import SpecialSafeRepetitionPenalty, repetition_processors, sampling_kwargs  # noqa: E402
from engine.inference.config import GenParams  # noqa: E402


def test_generated_tokens_are_penalised_but_special_and_prompt_tokens_are_not() -> None:
    scores = torch.tensor([[2.0, 2.0, 2.0, -1.0, 2.0]])
    # Prompt is [0]; generated so far: 1 (ordinary), 2 (EOS, exempt), 3 (ordinary, negative logit).
    ids = torch.tensor([[0, 1, 2, 3]])
    out = SpecialSafeRepetitionPenalty(2.0, prompt_length=1, exempt={2})(ids, scores.clone())
    assert out[0, 0] == 2.0          # in the prompt only: untouched
    assert out[0, 1] == 1.0          # generated: divided
    assert out[0, 2] == 2.0          # special: untouched although generated
    assert out[0, 3] == -2.0         # negative logits are multiplied
    assert out[0, 4] == 2.0          # never seen


def test_no_processor_without_a_penalty_and_stop_strings_need_the_tokenizer() -> None:
    assert repetition_processors(GenParams(repetition_penalty=1.0), 3, set()) == []
    params = GenParams(stop=["\n\n"])
    assert "repetition_penalty" not in sampling_kwargs(params, [2], 0)
    assert "stop_strings" not in sampling_kwargs(params, [2], 0)
    marker = object()
    kwargs = sampling_kwargs(params, [2], 0, tokenizer=marker)  # type: ignore[arg-type]
    assert kwargs["stop_strings"] == ["\n\n"] and kwargs["tokenizer"] is marker
