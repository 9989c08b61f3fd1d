"""Sampler chains for llama.cpp from GenParams, and GBNF grammars for JSON schemas and fixed options."""

from __future__ import annotations

import json
import random
from typing import Any

from pydantic import BaseModel

from engine.inference.backends.llama_session import LlamaSession
from engine.inference.config import GenParams
from engine.inference.constrained import bounded_schema, choice_ebnf, json_token_budget

TOP_K = 40
"""Candidates kept before top-p when sampling (llama.cpp's default)."""

PENALTY_WINDOW = 64
"""Generated tokens the repetition penalty looks back over (llama.cpp's default)."""


class GrammarError(ValueError):
    """llama.cpp rejected a grammar."""


def sampler_chain(session: LlamaSession, params: GenParams, grammar: str | None = None) -> Any:
    """A sampler chain for one call; close() it after.

    Special tokens stay out of the repetition penalty by construction: the penalty sees only tokens
    sampled in this call (llama.cpp never feeds it the prompt, where <|im_end|> occurs); a token that ends
    the reply stops the call when sampled, and every other special token is banned outright, so none ever
    enters its window.
    """
    from llama_cpp import _internals

    chain = _internals.LlamaSampler()
    lib = session.lib
    count, ban = session.markup_ban()
    if count:
        lib.llama_sampler_chain_add(chain.sampler, lib.llama_sampler_init_logit_bias(session.n_vocab, count, ban))
    if params.repetition_penalty > 1.0:
        chain.add_penalties(session.n_vocab, PENALTY_WINDOW, params.repetition_penalty, 0.0, 0.0)
    if grammar is not None:
        native = lib.llama_sampler_init_grammar(session.model.vocab, grammar.encode("utf-8"), b"root")
        if not native:
            chain.close()
            raise GrammarError("llama.cpp could not parse the grammar")
        lib.llama_sampler_chain_add(chain.sampler, native)
    if params.temperature <= 0.0:
        chain.add_greedy()
    else:
        chain.add_top_k(TOP_K)
        chain.add_top_p(params.top_p, 1)
        chain.add_temp(params.temperature)
        chain.add_dist(random.getrandbits(32))
    return chain


class GrammarCache:
    """GBNF text (and token budget) per JSON schema, converted once."""

    def __init__(self) -> None:
        self._json: dict[type[BaseModel], tuple[str, int]] = {}

    def json_grammar(self, schema: type[BaseModel]) -> tuple[str, int]:
        """Compact-JSON grammar for `schema` (every string bounded) and the longest JSON's token budget."""
        entry = self._json.get(schema)
        if entry is None:
            from llama_cpp.llama_grammar import json_schema_to_gbnf

            bounded = bounded_schema(schema)
            entry = (_compact(json_schema_to_gbnf(json.dumps(bounded))), json_token_budget(bounded))
            self._json[schema] = entry
        return entry

    @staticmethod
    def choice_grammar(options: list[str]) -> str:
        """A grammar whose only sentences are the options."""
        return choice_ebnf(options)


def _compact(grammar: str) -> str:
    """No optional whitespace between JSON tokens: a small model otherwise pads with spaces and newlines."""
    lines = [line for line in grammar.splitlines() if not line.startswith("space ::=")]
    return "\n".join([*lines, 'space ::= ""'])
