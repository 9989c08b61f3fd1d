"""What the llama.cpp bench asks besides speed: JSON validity (ours and llama.cpp's GBNF) and choice accuracy."""

from __future__ import annotations

import statistics
import time
from typing import Any

from pydantic import ValidationError

from engine.inference.backends.llama_cpp import LlamaCppBackend
from engine.inference.config import GenParams
from engine.inference.request import GenerationRequest, Message
from game.bench.models_bench import BenchMood

JSON_REQUEST = GenerationRequest(
    messages=[Message(role="user", content="The player says they feel a bit better. Their mood as JSON:")],
    prompt="The player says they feel a bit better.\nTheir mood as JSON:",
    params=GenParams(temperature=0.8, max_tokens=48),
)


def json_figures(backend: LlamaCppBackend, calls: int) -> dict[str, Any]:
    """The backend's own schema-constrained JSON (llguidance, or xgrammar where only that is installed):
    validity and cost per token after compiling."""
    from engine.inference.backends.llama_constraints import constraint_engine

    first = backend.generate_json(JSON_REQUEST, BenchMood)  # builds the vocabulary mask and compiles the schema
    rest = [backend.generate_json(JSON_REQUEST, BenchMood) for _ in range(calls - 1)]
    per_token = [r.total_s / r.tokens for r in rest if r.tokens] or [0.0]
    typical = statistics.median(r.total_s for r in rest) if rest else 0.0
    return {
        "json_engine": constraint_engine(backend._constraints),
        "json_calls": calls,
        "json_valid": sum(r.ok for r in [first, *rest]),
        "json_setup_s": max(0.0, first.total_s - typical),
        "json_s_per_call": typical,
        "json_ms_per_token": statistics.median(per_token) * 1000,
    }


def gbnf_figures(backend: LlamaCppBackend, calls: int) -> dict[str, Any]:
    """llama.cpp's JSON-schema grammar (GBNF, llama-cpp-python's converter) on the same prompt, for comparison."""
    from engine.inference.backends.llama_sampling import GrammarCache, sampler_chain

    session = backend.session
    grammar, budget = GrammarCache().json_grammar(BenchMood)
    prompt = backend.format.render(JSON_REQUEST)
    valid = 0
    per_token: list[float] = []
    params = JSON_REQUEST.params.model_copy(update={"max_tokens": budget})
    for _ in range(calls):
        session.prefill(prompt.tokens, lambda: False)
        chain = sampler_chain(session, params, grammar)
        text, count, started = b"", 0, time.perf_counter()
        try:
            for _step in range(budget):
                token = chain.sample(session.ctx, -1)
                if session.is_end(token):
                    break
                text += session.piece(token)
                count += 1
                session.advance(token)
        finally:
            chain.close()
        per_token.append((time.perf_counter() - started) / max(count, 1))
        try:
            BenchMood.model_validate_json(text)
            valid += 1
        except ValidationError:
            pass
    return {"gbnf_calls": calls, "gbnf_valid": valid, "gbnf_ms_per_token": statistics.median(per_token) * 1000}


def choice_figures(backend: LlamaCppBackend) -> dict[str, Any]:
    """Accuracy of the channel and rank methods on the labelled choice set, and seconds per call."""
    from engine.inference.choice_prompts import choice_request
    from engine.inference.choice_set import CHOICE_SET

    correct = {"channel": 0, "rank": 0}
    started = time.perf_counter()
    for item in CHOICE_SET:
        request = choice_request(item.scene, list(item.options), item.phrase)
        for method in correct:
            picked = backend.choose(request, list(item.options), method=method).choice  # type: ignore[arg-type]
            correct[method] += picked is not None and picked.index == item.answer
    return {
        "choice_items": len(CHOICE_SET),
        "choice_channel_correct": correct["channel"],
        "choice_rank_correct": correct["rank"],
        "choice_s_per_call": (time.perf_counter() - started) / (2 * len(CHOICE_SET)),
    }
