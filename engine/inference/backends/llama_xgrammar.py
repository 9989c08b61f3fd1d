"""Schema-constrained JSON for llama.cpp with xgrammar: the path used only where llguidance is not installed.

As fast and as valid as llguidance (llama_guidance.py, the default) in game/bench/llama_bench_json.py, but
importing xgrammar imports torch and transformers: +347 MB RSS with SmolLM2, +419 MB with Gemma-3-270M.
Both beat llama.cpp's own GBNF sampler (~30 ms a token on Gemma's 262k vocabulary) and enforce integer
bounds, which llama-cpp-python's schema converter drops. xgrammar's compile (1-5 s per schema and GGUF) is
kept on disk next to the GGUF's cache entry.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
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
        self._info: Any = None
        self._json: dict[type[BaseModel], tuple[Any, int]] = {}

    def _grammar_compiler(self) -> xgrammar.GrammarCompiler:
        if self._compiler is None:
            import xgrammar

            session = self._session
            cached = self._cached("vocabulary")
            info = None if cached is None else xgrammar.TokenizerInfo.deserialize_json(cached)
            if info is None:
                # Raw bytes per token; control tokens render as b"", which xgrammar treats as special.
                vocab = [session.piece(token) for token in range(session.n_vocab)]
                info = xgrammar.TokenizerInfo(
                    vocab, xgrammar.VocabType.RAW, vocab_size=session.n_vocab, stop_token_ids=self._stop_ids
                )
                self._store("vocabulary", info.serialize_json())
            self._info = info
            # As many compile threads as prompt processing uses: more only queue on a small machine.
            self._compiler = xgrammar.GrammarCompiler(info, max_threads=session.n_threads_batch)
        return self._compiler

    def _compile_json(self, schema_json: str) -> Any:
        """The compiled grammar, from the disk cache when this GGUF and schema were compiled before."""
        import xgrammar

        compiler = self._grammar_compiler()
        key = "json-" + hashlib.sha256(schema_json.encode("utf-8")).hexdigest()[:24]
        cached = self._cached(key)
        if cached is not None:
            try:
                return xgrammar.CompiledGrammar.deserialize_json(cached, self._info)
            except (RuntimeError, ValueError):
                pass  # written by another xgrammar version: compile again
        compiled = compiler.compile_json_schema(schema_json, any_whitespace=False, separators=(",", ":"))
        self._store(key, compiled.serialize_json())
        return compiled

    # Compiling Gemma's vocabulary and a schema took 0.4 s + 1.5 s; reading them back 0.13 s + 0.06 s.
    def _cache_file(self, key: str) -> Path | None:
        prefix = self._session.cache_prefix
        if prefix is None:
            return None
        return prefix.with_name(f"{prefix.name}.xgrammar-{version('xgrammar')}") / f"{key}.json"

    def _cached(self, key: str) -> str | None:
        path = self._cache_file(key)
        try:
            return None if path is None else path.read_text(encoding="utf-8")
        except OSError:
            return None

    def _store(self, key: str, text: str) -> None:
        path = self._cache_file(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_suffix(".tmp")
            temp.write_text(text, encoding="utf-8")
            temp.replace(path)
        except OSError:
            pass  # no cache: compiled again next time

    def json_mask(self, schema: type[BaseModel]) -> tuple[TokenMask, int]:
        """A fresh mask for compact JSON fitting `schema`, and the token budget of the longest such JSON."""
        import xgrammar

        entry = self._json.get(schema)
        if entry is None:
            bounded = bounded_schema(schema)
            entry = (self._compile_json(json.dumps(bounded, sort_keys=True)), json_token_budget(bounded))
            self._json[schema] = entry
        return TokenMask(xgrammar.GrammarMatcher(entry[0]), self._session.n_vocab), entry[1]

    def choice_mask(self, options: list[str]) -> TokenMask:
        """A fresh mask admitting exactly one of `options`."""
        import xgrammar

        compiled = self._grammar_compiler().compile_grammar(choice_ebnf(options))
        return TokenMask(xgrammar.GrammarMatcher(compiled), self._session.n_vocab)
