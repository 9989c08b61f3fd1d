"""Constrained-JSON paths on llama.cpp compared on the real state-update task: validity, ms/token, RSS added.

`python -m game.bench.llama_bench_json [--calls N] [MODEL...]` runs every (model, path) in its own
subprocess, so the RSS a path adds (its imports, vocabulary tables and compiled grammar) is its own. Paths:
llguidance (the default), xgrammar (optional), llama.cpp GBNF from llama-cpp-python's JSON-schema converter,
and a tight GBNF written from the schema (llama_bench_gbnf.py). Prompts: the state-update prompt the game
sends after a turn of the bundled story, at the model's own structured_output settings.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PATHS = ("llguidance", "xgrammar", "gbnf-schema", "gbnf-tight")
STORY = "lantern_house"


def state_prompts() -> tuple[type[Any], list[str]]:
    """The story's update schema and one state-update prompt per scene (what the game sends after a turn)."""
    from engine.core.game import Game
    from engine.story.loader import bundled_stories_root, load_story
    from engine.turn.step_prompts import state_update_prompt

    story = load_story(bundled_stories_root() / STORY)
    game = Game.new(story, seed=1)
    schema = game.model_update_schema()
    prompts = []
    for scene in story.scenes.values():
        game.state.scene = scene.id
        facts = game.facts()
        prompts.append(state_update_prompt(facts, facts.description, list(schema.model_fields),
                                           {"mara_warmth": game.state.vars.get("mara_warmth")}))
    return schema, prompts


def _worker(model: str, path: str, calls: int) -> dict[str, Any]:
    import psutil

    from engine.inference.backends.llama_cpp import LlamaCppBackend
    from engine.inference.backends.llama_sampling import sampler_chain
    from engine.inference.constrained import bounded_schema, json_token_budget
    from engine.inference.request import GenerationRequest
    from engine.paths import cache_home
    from engine.settings import load_settings
    from engine.tasks import TaskType

    random.seed(7)
    settings = load_settings()
    config = settings.models[model]
    backend = LlamaCppBackend.load(model, config, cache_home())
    session = backend.session
    schema, prompts = state_prompts()
    bounded = bounded_schema(schema)
    budget = json_token_budget(bounded)
    params = config.params_for(TaskType.STRUCTURED_OUTPUT)
    params = params.model_copy(update={"max_tokens": max(params.max_tokens, budget)})
    before = psutil.Process().memory_info().rss
    grammar = None
    if path == "gbnf-schema":
        from llama_cpp.llama_grammar import json_schema_to_gbnf

        grammar = json_schema_to_gbnf(json.dumps(bounded))
    elif path == "gbnf-tight":
        from game.bench.llama_bench_gbnf import tight_gbnf

        grammar = tight_gbnf(bounded)
    else:
        if path == "xgrammar":
            from engine.inference.backends.llama_xgrammar import XGrammarConstraints as Constraints
        else:
            from engine.inference.backends.llama_guidance import GuidanceConstraints as Constraints  # type: ignore[assignment]
        constraints = Constraints(session, backend._end_ids)
    rows: list[dict[str, Any]] = []
    for index in range(calls):
        prompt = backend.format.render(GenerationRequest(prompt=prompts[index % len(prompts)], params=params))
        session.prefill(prompt.tokens, lambda: False)
        started = time.perf_counter()
        mask = None if grammar is not None else constraints.json_mask(schema)[0]
        chain = sampler_chain(session, params, grammar)
        text, count, ended, constraint_s = b"", 0, False, 0.0
        try:
            for _ in range(params.max_tokens):
                begun = time.perf_counter()  # masking + sampling: where each path's per-token cost lies
                if mask is not None:
                    mask.apply(session.last_logits())
                token = chain.sample(session.ctx, -1)
                accepted = mask is None or session.is_end(token) or mask.accept(token)
                constraint_s += time.perf_counter() - begun
                if session.is_end(token) or not accepted:
                    ended = True
                    break
                text += session.piece(token)
                count += 1
                if mask is not None and mask.finished:
                    ended = True
                    break
                session.advance(token)
        finally:
            chain.close()
        elapsed = time.perf_counter() - started
        error = ""
        try:
            schema.model_validate_json(text)
        except ValueError as problem:
            error = str(problem).splitlines()[1] if "\n" in str(problem) else str(problem)
        rows.append({"s": elapsed, "constraint_s": constraint_s, "tokens": count, "ended": ended, "error": error,
                     "text": text.decode("utf-8", "replace")[:120]})
    rest = rows[1:] or rows
    return {
        "model": model, "path": path, "calls": calls,
        "valid": sum(not r["error"] for r in rows),
        "truncated": sum(not r["ended"] for r in rows),
        "ms_per_token": statistics.median(r["s"] / max(r["tokens"], 1) for r in rest) * 1000,
        "constraint_ms_per_token": statistics.median(r["constraint_s"] / max(r["tokens"], 1) for r in rest) * 1000,
        "first_call_s": rows[0]["s"], "mean_tokens": statistics.mean(r["tokens"] for r in rows),
        "rss_added_mb": (psutil.Process().memory_info().rss - before) / 2**20,
        "failures": [r for r in rows if r["error"]][:3],
        "samples": [r["text"] for r in rows[:3]],
    }


def run(models: list[str], calls: int) -> list[dict[str, Any]]:
    """Every path on every model, each in a subprocess; each result is printed as it comes."""
    results = []
    for model in models:
        for path in PATHS:
            payload = json.dumps({"model": model, "path": path, "calls": calls})
            done = subprocess.run([sys.executable, "-m", "game.bench.llama_bench_json", "--worker", payload],
                                  capture_output=True, text=True, check=False, cwd=Path.cwd())
            if done.returncode != 0:
                result = {"model": model, "path": path, "error": done.stderr.strip().splitlines()[-1:]}
            else:
                result = json.loads(done.stdout.strip().splitlines()[-1])
            print(summary(result), flush=True)
            results.append(result)
    return results


def summary(r: dict[str, Any]) -> str:
    """One line per (model, path)."""
    if "error" in r:
        return f"{r['model']:14} {r['path']:12} error: {r['error']}"
    return (f"{r['model']:14} {r['path']:12} valid {r['valid']:2}/{r['calls']}  truncated {r['truncated']:2}  "
            f"{r['ms_per_token']:6.1f} ms/tok (mask+sample {r['constraint_ms_per_token']:5.2f})  "
            f"first {r['first_call_s']:5.2f} s  {r['mean_tokens']:5.1f} tok/call  RSS +{r['rss_added_mb']:.0f} MB")


def main(argv: list[str]) -> None:
    """Entry point; `--worker JSON` inside each subprocess."""
    if argv[:1] == ["--worker"]:
        request = json.loads(argv[1])
        print(json.dumps(_worker(request["model"], request["path"], request["calls"])))
        return
    calls = 20
    if argv[:1] == ["--calls"]:
        calls, argv = int(argv[1]), argv[2:]
    results = run(argv or ["smollm2-135m", "gemma3-270m"], calls)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
