"""Schema-constrained JSON for llama.cpp with xgrammar: a token mask applied to the logits before sampling.

Chosen over llama.cpp's own JSON-schema grammar (GBNF) by measurement (game/bench/llama_bench.py): on
Gemma-3-270M (262k-token vocabulary) the GBNF sampler cost ~70-77 ms a token, xgrammar's mask 1.5-5 ms;
and llama-cpp-python's schema converter drops integer bounds (it let through "intensity": 55 for a
1..5 field), which xgrammar enforces. xgrammar's price is paid once per schema: 1-5 s to compile.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from engine.inference.backends.llama_session import LlamaSession
from engine.inference.constrained import bounded_schema, choice_ebnf, json_token_budget

if TYPE_CHECKING:
    import xgrammar


class TokenMask:
    """One call's grammar state: mask the logits before each sample, accept each sampled token."""

    def __init__(self, matcher: xgrammar.GrammarMatcher, n_vocab: int) -> None:
        import xgrammar

        self._matcher = matcher
        self._n_vocab = n_vocab
        self._bitmask = np.zeros(xgrammar.get_bitmask_shape(1, n_vocab), dtype=np.int32)

    def apply(self, logits: npt.NDArray[np.float32]) -> None:
        """Set the logits of every token the grammar forbids next to -inf, in place."""
        if not self._matcher.fill_next_token_bitmask(self._bitmask):
            return  # everything allowed
        allowed = np.unpackbits(self._bitmask.view(np.uint8), bitorder="little")[: self._n_vocab]
        logits[allowed == 0] = -np.inf

    def accept(self, token: int) -> bool:
        """Advance past a sampled token; False if the grammar does not allow it."""
        return bool(self._matcher.accept_token(token))

    @property
    def finished(self) -> bool:
        """Whether the grammar has reached its end (only a stop token may follow)."""
        return bool(self._matcher.is_terminated())


class XGrammarConstraints:
    """Compiles grammars for one model's vocabulary, each once; used under the model's lock."""

    def __init__(self, session: LlamaSession, stop_ids: list[int]) -> None:
        self._session = session
        self._stop_ids = stop_ids
        self._compiler: xgrammar.GrammarCompiler | None = None
        self._json: dict[type[BaseModel], tuple[Any, int]] = {}

    def _grammar_compiler(self) -> xgrammar.GrammarCompiler:
        if self._compiler is None:
            import xgrammar

            session = self._session
            # Raw bytes per token; control tokens render as b"", which xgrammar treats as special.
            vocab = [session.piece(token) for token in range(session.n_vocab)]
            info = xgrammar.TokenizerInfo(
                vocab, xgrammar.VocabType.RAW, vocab_size=session.n_vocab, stop_token_ids=self._stop_ids
            )
            # As many compile threads as the model decodes with: more only queue on a small machine.
            self._compiler = xgrammar.GrammarCompiler(info, max_threads=session.n_threads)
        return self._compiler

    def json_mask(self, schema: type[BaseModel]) -> tuple[TokenMask, int]:
        """A fresh mask for compact JSON fitting `schema`, and the token budget of the longest such JSON."""
        import xgrammar

        entry = self._json.get(schema)
        if entry is None:
            bounded = bounded_schema(schema)
            compiled = self._grammar_compiler().compile_json_schema(
                json.dumps(bounded), any_whitespace=False, separators=(",", ":")
            )
            entry = (compiled, json_token_budget(bounded))
            self._json[schema] = entry
        return TokenMask(xgrammar.GrammarMatcher(entry[0]), self._session.n_vocab), entry[1]

    def choice_mask(self, options: list[str]) -> TokenMask:
        """A fresh mask admitting exactly one of `options`."""
        import xgrammar

        compiled = self._grammar_compiler().compile_grammar(choice_ebnf(options))
        return TokenMask(xgrammar.GrammarMatcher(compiled), self._session.n_vocab)
