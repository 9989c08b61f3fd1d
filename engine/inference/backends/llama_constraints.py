"""Which grammar engine constrains a llama.cpp model's output: llguidance, else xgrammar where only it is installed."""

from __future__ import annotations

import importlib.util
from typing import Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from engine.inference.backends.llama_session import LlamaSession


class TokenMask(Protocol):
    """One call's grammar state, applied to the logits before each sample."""

    def apply(self, logits: npt.NDArray[np.float32]) -> None:
        """Set the logits of every token the grammar forbids next to -inf, in place."""

    def accept(self, token: int) -> bool:
        """Advance past a sampled token; False if the grammar does not allow it."""

    @property
    def finished(self) -> bool:
        """Whether the grammar has reached its end."""


class Constraints(Protocol):
    """Compiles grammars for one model's vocabulary."""

    def json_mask(self, schema: type[BaseModel]) -> tuple[TokenMask, int]:
        """A fresh mask for compact JSON fitting `schema`, and the token budget of the longest such JSON."""

    def choice_mask(self, options: list[str]) -> TokenMask:
        """A fresh mask admitting exactly one of `options`."""


def json_engine() -> str | None:
    """The grammar engine llama.cpp models use here: llguidance (numpy only; measured the fastest and
    20/20 valid, game/bench/llama_bench_json.py) when installed, else xgrammar (which imports torch and
    transformers: ~300 MB more RSS), else None. Checked without importing either."""
    for name in ("llguidance", "xgrammar"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def constraints_for(session: LlamaSession, stop_ids: list[int]) -> Constraints:
    """The constraints of `json_engine()` for one model (llguidance's, which then says how to install it,
    when neither is installed)."""
    if json_engine() == "xgrammar":
        from engine.inference.backends.llama_xgrammar import XGrammarConstraints

        return XGrammarConstraints(session, stop_ids)
    from engine.inference.backends.llama_guidance import GuidanceConstraints

    return GuidanceConstraints(session, stop_ids)


def constraint_engine(constraints: Constraints) -> str:
    """The engine's name, for reports (bench tables)."""
    from engine.inference.backends.llama_guidance import GuidanceConstraints

    return "llguidance" if isinstance(constraints, GuidanceConstraints) else "xgrammar"
