"""Model benchmark: load times, TTFT, decode speed, peak RSS, JSON validity, choice accuracy, overhead vs raw generate.

Each model is measured in its own subprocess so peak RSS and load times are its own. Run directly with
`python -m game.bench.models_bench [NAME...]` (uses settings.yaml), or through `run_model_bench`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from engine.inference.backends.resolve import resolve_backend
from engine.inference.config import ModelConfig
from engine.inference.manager import ModelManager

NARRATION_PROMPT = "Describe, in a few calm sentences, a small garden at dawn after the rain."
DECODE_TOKENS = 64
REPEATS = 5


class BenchMood(BaseModel):
    """The schema of the JSON-validity calls."""

    mood: Literal["calm", "anxious", "sad", "hopeful"]
    intensity: int = Field(ge=1, le=5)
    note: str = Field(max_length=40)


def run_model_bench(manager: ModelManager, names: list[str], n_json: int = 20, cold: bool = True) -> dict[str, Any]:
    """Measure each named model (configured in `manager`) in a subprocess; returns {"models": {name: figures}}."""
    results: dict[str, Any] = {}
    for name in names:
        config = manager.configs[name]
        if not manager.is_available(name):
            results[name] = {"error": "not available on this machine"}
            continue
        if resolve_backend(config) == "llama_cpp":  # raw llama-cpp-python beside ours, same GGUF, same run
            from game.bench.llama_bench import run_llama_bench

            results[name] = {"backend": "llama_cpp", **run_llama_bench(config, manager.cache_dir, n_json)}
            continue
        figures: dict[str, Any] = {}
        if cold and config.source == "embedded":
            figures.update(_in_subprocess("cold", config, manager.cache_dir, n_json))
        figures.update(_in_subprocess("warm", config, manager.cache_dir, n_json))
        results[name] = figures
    return {"models": results, "n_json": n_json, "decode_tokens": DECODE_TOKENS}


def format_table(result: dict[str, Any]) -> str:
    """The figures as a plain-text table, one row per model."""
    header = ["model", "cold load", "cached load (first/again)", "TTFT", "tok/s", "raw tok/s", "overhead", "peak RSS",
              "JSON valid", "choice (channel/rank)", "weights"]
    rows = [header]
    llama = {name: f for name, f in result["models"].items() if f.get("backend") == "llama_cpp"}
    for name, f in result["models"].items():
        if name in llama:
            continue
        if "error" in f:
            rows.append([name, f["error"]] + [""] * (len(header) - 2))
            continue
        rows.append([
            name,
            _s(f.get("cold_load_s")),
            f"{_s(f['cached_load_s'])} / {_s(f['reload_s'])}",
            _s(f["ttft_s"]),
            f"{f['decode_tok_s']:.1f}",
            f"{f['raw_decode_tok_s']:.1f}",
            f"{f['overhead_ratio']:.2f}x",
            f"{f['peak_rss_mb']:.0f} MB",
            f"{f['json_valid']}/{f['json_calls']}",
            f"{f['choice_channel_correct']}/{f['choice_items']} / {f['choice_rank_correct']}/{f['choice_items']}",
            f["weights"],
        ])
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if llama:
        from game.bench.llama_bench import format_llama_table

        lines = ([*lines, ""] if len(rows) > 1 else []) + [format_llama_table(llama)]
    return "\n".join(lines)


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def _in_subprocess(kind: str, config: ModelConfig, cache_dir: Path, n_json: int) -> dict[str, Any]:
    payload = json.dumps(
        {"kind": kind, "config": config.model_dump(mode="json", exclude_unset=True), "cache": str(cache_dir),
         "n_json": n_json}
    )
    done = subprocess.run(
        [sys.executable, "-m", "game.bench.models_bench", "--worker", payload],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"{kind} bench failed: {tail[0]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- what runs inside the subprocess --------------------------------------------------------------
def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cold(config: ModelConfig, cache_dir: Path) -> dict[str, Any]:
    """Tokenizer + model straight from the GGUF (what every start would cost without the cache)."""
    import transformers  # noqa: F401 - imported before timing, as the cached load is timed warm
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    from engine.inference.sources.convert import gguf_dir
    from engine.inference.sources.embedded import embedded_model

    gguf = embedded_model(config.model_id).gguf_path(gguf_dir(cache_dir))
    started = time.perf_counter()
    AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, quantization_config=GgufConfig(dequantize=True)
    )
    return {"cold_load_s": time.perf_counter() - started, "cold_peak_rss_mb": _peak_rss_mb()}


def _warm(config: ModelConfig, cache_dir: Path, n_json: int) -> dict[str, Any]:
    started = time.perf_counter()
    import torch
    import transformers  # noqa: F401

    import_s = time.perf_counter() - started
    from engine.inference.backends.transformers import TransformersBackend
    from engine.inference.choice_prompts import choice_request
    from engine.inference.choice_set import CHOICE_SET
    from engine.inference.config import GenParams
    from engine.inference.request import GenerationRequest, Message

    started = time.perf_counter()
    backend = TransformersBackend.load("bench", config, cache_dir)
    cached_load_s = time.perf_counter() - started  # includes transformers' lazy first-use imports
    backend.close()
    started = time.perf_counter()
    backend = TransformersBackend.load("bench", config, cache_dir)
    reload_s = time.perf_counter() - started  # the same load in a process that has loaded a model before
    assert backend.plan is not None

    messages = [Message(role="user", content=NARRATION_PROMPT)]
    greedy = GenParams(temperature=0.0, max_tokens=DECODE_TOKENS)
    request = GenerationRequest(messages=messages, prompt=NARRATION_PROMPT, params=greedy, stream=True)
    backend.generate(request.model_copy(update={"stream": False})).wait()  # warm-up
    ttfts, rates, ours_s, raw_s, tokens = [], [], [], [], 0
    input_ids = backend._encode(request)
    for _ in range(REPEATS):
        response = backend.generate(request)
        for _chunk in response:
            pass
        tokens = response.tokens
        ttfts.append(response.ttft_s or 0.0)
        rates.append(response.tokens_per_s)
        ours_s.append(response.total_s)
        # The raw library baseline: the same greedy tokens from plain generate() on the same model.
        with torch.inference_mode():
            begun = time.perf_counter()
            backend.model.generate(
                input_ids=input_ids, attention_mask=torch.ones_like(input_ids), do_sample=False,
                max_new_tokens=tokens, min_new_tokens=tokens, pad_token_id=backend._pad_id,
            )
            raw_s.append(time.perf_counter() - begun)

    json_request = GenerationRequest(
        messages=[Message(role="user", content="The player says they feel a bit better. Their mood as JSON:")],
        prompt="The player says they feel a bit better.\nTheir mood as JSON:",
        params=GenParams(temperature=0.8, max_tokens=48),
    )
    json_started = time.perf_counter()
    valid = sum(backend.generate_json(json_request, BenchMood).ok for _ in range(n_json))
    json_s = (time.perf_counter() - json_started) / max(n_json, 1)

    correct = {"channel": 0, "rank": 0}
    choice_started = time.perf_counter()
    for item in CHOICE_SET:
        choice = choice_request(item.scene, list(item.options), item.phrase)
        for method in correct:
            picked = backend.choose(choice, list(item.options), method=method).choice  # type: ignore[arg-type]
            correct[method] += picked is not None and picked.index == item.answer
    choice_s = (time.perf_counter() - choice_started) / (2 * len(CHOICE_SET))

    raw_rate = (tokens - 1) / (statistics.median(raw_s) - statistics.median(ttfts)) if tokens > 1 else 0.0
    return {
        "weights": backend.plan.weights,
        "device": backend.plan.device,
        "torch_threads": torch.get_num_threads(),
        "import_s": import_s,
        "cached_load_s": cached_load_s,
        "reload_s": reload_s,
        "memory_mb": backend.memory_mb(),
        "ttft_s": statistics.median(ttfts),
        "decode_tok_s": statistics.median(rates),
        "raw_decode_tok_s": raw_rate,
        "tokens": tokens,
        "ours_total_s": statistics.median(ours_s),
        "raw_total_s": statistics.median(raw_s),
        "overhead_ratio": statistics.median(ours_s) / statistics.median(raw_s),
        "json_calls": n_json,
        "json_valid": valid,
        "json_s_per_call": json_s,
        "choice_items": len(CHOICE_SET),
        "choice_channel_correct": correct["channel"],
        "choice_rank_correct": correct["rank"],
        "choice_s_per_call": choice_s,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _worker(payload: str) -> None:
    request = json.loads(payload)
    config = ModelConfig.model_validate(request["config"])
    cache_dir = Path(request["cache"])
    cold = request["kind"] == "cold"
    figures = _cold(config, cache_dir) if cold else _warm(config, cache_dir, request["n_json"])
    print(json.dumps(figures))


def main(argv: list[str]) -> None:
    """`python -m game.bench.models_bench [--json-calls N] [--no-cold] [NAME...]`: bench configured models."""
    if argv[:1] == ["--worker"]:
        _worker(argv[1])
        return
    if "--help" in argv or "-h" in argv:
        print(f"usage: python -m game.bench.models_bench [--json-calls N] [--no-cold] [NAME...]\n\n{__doc__}")
        return
    from engine.paths import cache_home
    from engine.settings import load_settings

    n_json = 20
    cold = "--no-cold" not in argv
    argv = [a for a in argv if a != "--no-cold"]
    if argv[:1] == ["--json-calls"]:
        n_json, argv = int(argv[1]), argv[2:]
    settings = load_settings()
    manager = ModelManager(settings.models, settings.memory_budget_mb, cache_home())
    names = argv or [name for name in settings.models if manager.is_available(name)]
    result = run_model_bench(manager, names, n_json=n_json, cold=cold)
    print(format_table(result))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
