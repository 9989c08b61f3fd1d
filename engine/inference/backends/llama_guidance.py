"""Schema-constrained JSON for llama.cpp with llguidance: a token mask applied to the logits before sampling.

The default constraint path, chosen by measurement (game/bench/llama_bench_json.py, 20 state updates per
model): 20/20 valid on both embedded models, ~1-3 ms a token for mask + sample, +21 MB RSS (SmolLM2) and
+75 MB (Gemma-3-270M), numpy its only dependency. xgrammar was as valid and as fast but imports torch and
transformers (+347 / +419 MB); llama.cpp's GBNF sampler cost 7 ms (SmolLM2) and 30 ms (Gemma, 262k
vocabulary) a token, and llama-cpp-python's schema converter drops integer bounds. llguidance enforces them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from engine.inference.backends.llama_session import LlamaSession
from engine.inference.constrained import bounded_schema, json_token_budget

if TYPE_CHECKING:
    import llguidance

CONTROL, USER_DEFINED = 8, 16
"""llama_token_attr bits (llama.h)."""

COMPACT_JSON = {"whitespace_flexible": False, "item_separator": ",", "key_separator": ":"}
"""No free whitespace: a small model otherwise pads with spaces and newlines until the budget runs out."""

STRING_SLICE = r'[^"\\\x00-\x1F\x7F]{1,30}'
"""The one precomputed vocabulary slice kept (runs of JSON string characters). Measured on Gemma-3-270M's
262k vocabulary: llguidance's four default slices cost +113 MB RSS, none +50 MB but 2 ms a mask (20 ms at
worst), this one alone +65 MB at 0.04 ms a mask, as fast as all four."""


class GuidanceMask:
    """One call's grammar state: mask the logits before each sample, accept each sampled token."""

    def __init__(self, matcher: llguidance.LLMatcher, n_vocab: int) -> None:
        from llguidance.numpy import allocate_token_bitmask

        self._matcher = matcher
        self._n_vocab = n_vocab
        self._bitmask = allocate_token_bitmask(1, n_vocab)

    def apply(self, logits: npt.NDArray[np.float32]) -> None:
        """Set the logits of every token the grammar forbids next to -inf, in place."""
        from llguidance.numpy import fill_next_token_bitmask

        fill_next_token_bitmask(self._matcher, self._bitmask)
        allowed = np.unpackbits(self._bitmask.view(np.uint8), bitorder="little")[: self._n_vocab]
        logits[allowed == 0] = -np.inf

    def accept(self, token: int) -> bool:
        """Advance past a sampled token; False if the grammar does not allow it."""
        return bool(self._matcher.consume_token(token))

    @property
    def finished(self) -> bool:
        """Whether the grammar has reached its end (only a stop token may follow)."""
        return bool(self._matcher.is_stopped())


class GuidanceConstraints:
    """Grammars for one model's vocabulary, each compiled once; used under the model's lock."""

    def __init__(self, session: LlamaSession, stop_ids: list[int]) -> None:
        self._session = session
        self._stop_ids = stop_ids
        self._tokenizer: llguidance.LLTokenizer | None = None
        self._json: dict[type[BaseModel], tuple[str, int]] = {}

    def _lltokenizer(self) -> llguidance.LLTokenizer:
        if self._tokenizer is None:
            try:
                import llguidance
            except ImportError:
                raise RuntimeError("constrained output on llama.cpp needs llguidance: pip install llguidance") from None
            import ctypes

            session = self._session
            # As llguidance.llamacpp builds it, but through the session's own calls: that helper calls a
            # deprecated llama-cpp-python function once per token (262k warnings for Gemma).
            tokens = [_token_bytes(session, token) for token in range(session.n_vocab)]
            tokenize = ctypes.cast(session.lib.llama_cpp._lib.llama_tokenize, ctypes.c_void_p).value
            self._tokenizer = llguidance.LLTokenizer.from_llamacpp(  # type: ignore[attr-defined]
                tokens=tokens, vocab_ptr=session.model.vocab, tokenize_fptr=tokenize,
                eos_token=self._stop_ids or None, slices=[STRING_SLICE],
            )
        return self._tokenizer

    def _matcher(self, grammar: str) -> llguidance.LLMatcher:
        import llguidance

        matcher = llguidance.LLMatcher(self._lltokenizer(), grammar, log_level=0)
        if matcher.is_error():
            raise ValueError(f"llguidance rejected the grammar: {matcher.get_error()}")
        return matcher

    def json_mask(self, schema: type[BaseModel]) -> tuple[GuidanceMask, int]:
        """A fresh mask for compact JSON fitting `schema`, and the token budget of the longest such JSON."""
        import llguidance

        entry = self._json.get(schema)
        if entry is None:
            bounded = bounded_schema(schema)
            options: Any = COMPACT_JSON
            entry = (llguidance.LLMatcher.grammar_from_json_schema(json.dumps(bounded), overrides=options),
                     json_token_budget(bounded))
            self._json[schema] = entry
        return GuidanceMask(self._matcher(entry[0]), self._session.n_vocab), entry[1]

    def choice_mask(self, options: list[str]) -> GuidanceMask:
        """A fresh mask admitting exactly one of `options`."""
        import llguidance

        lark = "start: " + " | ".join(json.dumps(option, ensure_ascii=False) for option in options)
        return GuidanceMask(self._matcher(llguidance.LLMatcher.grammar_from_lark(lark)), self._session.n_vocab)


def _token_bytes(session: LlamaSession, token: int) -> bytes:
    """A token's bytes for llguidance; control tokens (and <...> user-defined ones) marked special by 0xff."""
    attr = session.lib.llama_vocab_get_attr(session.model.vocab, token)
    text = session.token_text(token)
    if attr & CONTROL or (attr & USER_DEFINED and text.startswith("<") and text.endswith(">")):
        return b"\xff" + text.encode("utf-8")
    return session.piece(token)
