"""Constrained decoding with xgrammar: JSON that fits a pydantic schema, or exactly one of a list of options."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    import xgrammar
    from transformers import LogitsProcessor, PreTrainedTokenizerBase

DEFAULT_MAX_STRING = 160
"""maxLength given to schema strings that have none: an unbounded string lets a small model run on forever."""

DEFAULT_MAX_ITEMS = 16
"""maxItems given to arrays that have none, for the same reason."""


def bounded_schema(schema: type[BaseModel], max_string: int = DEFAULT_MAX_STRING) -> dict[str, Any]:
    """The JSON schema of `schema` with a length bound on every string and array lacking one, and no
    properties beyond the declared ones (JSON Schema allows extra ones unless told not to: llguidance then
    let a small model add keys until the token budget ran out mid-string; xgrammar assumes it already)."""
    document = copy.deepcopy(schema.model_json_schema())
    _bound(document, max_string)
    return document


def _bound(node: Any, max_string: int) -> None:
    if isinstance(node, dict):
        kind = node.get("type")
        free = "enum" not in node and "const" not in node
        if kind == "string" and free and "maxLength" not in node and "pattern" not in node:
            node["maxLength"] = max_string
        if kind == "object" and "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        if kind == "array" and "maxItems" not in node:
            node["maxItems"] = DEFAULT_MAX_ITEMS
        for value in node.values():
            _bound(value, max_string)
    elif isinstance(node, list):
        for value in node:
            _bound(value, max_string)


def choice_ebnf(options: list[str]) -> str:
    """A grammar whose only sentences are the options (JSON string escapes are valid EBNF literals)."""
    return "root ::= " + " | ".join(json.dumps(option, ensure_ascii=False) for option in options)


class GrammarCache:
    """Compiles grammars for one tokenizer, once each; used under the model's lock."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase, vocab_size: int, stop_ids: list[int]) -> None:
        self._tokenizer = tokenizer
        self._vocab_size = vocab_size
        self._stop_ids = stop_ids
        self._compiler: xgrammar.GrammarCompiler | None = None
        self._json: dict[type[BaseModel], tuple[xgrammar.CompiledGrammar, int]] = {}

    def _grammar_compiler(self) -> xgrammar.GrammarCompiler:
        if self._compiler is None:
            import xgrammar

            info = xgrammar.TokenizerInfo.from_huggingface(
                self._tokenizer, vocab_size=self._vocab_size, stop_token_ids=self._stop_ids
            )
            self._compiler = xgrammar.GrammarCompiler(info)
        return self._compiler

    def json_processor(self, schema: type[BaseModel]) -> tuple[LogitsProcessor, int]:
        """A fresh logits processor (one per generate call) for compact JSON fitting `schema`, and the
        token budget that the longest such JSON may need."""
        entry = self._json.get(schema)
        if entry is None:
            bounded = bounded_schema(schema)
            compiled = self._grammar_compiler().compile_json_schema(json.dumps(bounded), any_whitespace=False)
            entry = (compiled, json_token_budget(bounded))
            self._json[schema] = entry
        return _processor(entry[0]), entry[1]

    def choice_processor(self, options: list[str]) -> LogitsProcessor:
        """A fresh logits processor that admits exactly one of `options`."""
        return _processor(self._grammar_compiler().compile_grammar(choice_ebnf(options)))


def _processor(compiled: xgrammar.CompiledGrammar) -> LogitsProcessor:
    from xgrammar.contrib.hf import LogitsProcessor as GrammarLogitsProcessor

    return GrammarLogitsProcessor(compiled)


def json_token_budget(schema: dict[str, Any], cap: int = 4096) -> int:
    """An upper bound on the tokens of the longest compact JSON the bounded schema allows (about one token
    per character of strings), so generation never stops mid-object."""
    return min(cap, _budget(schema, schema.get("$defs", {})))


def _budget(node: dict[str, Any], defs: dict[str, Any]) -> int:
    if "$ref" in node:
        return _budget(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if "const" in node:
        return len(json.dumps(node["const"])) + 1
    if "enum" in node:
        return max(len(json.dumps(value)) for value in node["enum"]) + 1
    branches = node.get("anyOf") or node.get("oneOf")
    if branches:
        return max(_budget(branch, defs) for branch in branches)
    kind = node.get("type")
    if kind == "object":
        properties = node.get("properties", {})
        return 2 + sum(len(key) + 4 + _budget(value, defs) for key, value in properties.items())
    if kind == "array":
        items = node.get("items", {})
        return 2 + int(node.get("maxItems", DEFAULT_MAX_ITEMS)) * (1 + _budget(items, defs))
    if kind == "string":
        return int(node.get("maxLength", DEFAULT_MAX_STRING)) + 2
    if kind in ("integer", "number"):
        return 24
    return 8
