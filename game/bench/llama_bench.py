"""llama.cpp benchmark: raw `llama_cpp.Llama` against our backend on the same GGUF in the same process.

Each model runs in a subprocess (`python -m game.bench.llama_bench WORKER-JSON`) so its peak RSS is its
own. Raw and ours alternate call by call, same prompts, greedy, same thread count, so machine noise
hits both alike; the ratios are the figures to read.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from engine.inference.config import GenParams, ModelConfig

PLACES = ("a small garden", "a quiet harbour", "an old library", "a mountain path", "a kitchen")
DECODE_TOKENS = 64
BENCH_THREADS = 2


def prompt_for(place: str) -> str:
    """Distinct prompts (same opening) so every call processes its prompt, for raw and ours alike."""
    return f"Describe, in a few calm sentences, {place} at dawn after the rain."


def run_llama_bench(config: ModelConfig, cache_dir: Path, n_json: int, threads: int = BENCH_THREADS) -> dict[str, Any]:
    """Measure one GGUF model in a subprocess; {"error": ...} if it failed."""
    # exclude_unset: a dump of every field would trip the served-model field check on the way back in.
    payload = json.dumps({"config": config.model_dump(mode="json", exclude_unset=True), "cache": str(cache_dir),
                          "n_json": n_json, "threads": threads})
    done = subprocess.run([sys.executable, "-m", "game.bench.llama_bench", payload],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"llama.cpp bench failed: {tail[0]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def format_llama_table(results: dict[str, dict[str, Any]]) -> str:
    """Raw llama-cpp-python beside ours, one row per model, ratios last."""
    header = ["model (llama.cpp)", "load raw/ours", "TTFT raw/ours", "tok/s raw/ours", "decode ours/raw",
              "TTFT ours/raw", "RSS ours", "JSON ours", "JSON GBNF", "choice ch/rank"]
    rows = [header]
    for name, f in results.items():
        if "error" in f:
            rows.append([name, f["error"], *[""] * (len(header) - 2)])
            continue
        rows.append([
            name,
            f"{f['raw_load_s']:.2f} / {f['load_s']:.2f} s",
            f"{f['raw_ttft_s'] * 1000:.0f} / {f['ttft_s'] * 1000:.0f} ms",
            f"{f['raw_tok_s']:.1f} / {f['tok_s']:.1f}",
            f"{f['decode_ratio']:.2f}x",
            f"{f['ttft_ratio']:.2f}x",
            f"{f['rss_ours_mb']:.0f} MB",
            f"{f['json_valid']}/{f['json_calls']}, {f['json_ms_per_token']:.1f} ms/tok ({f.get('json_engine', '?')})",
            f"{f['gbnf_valid']}/{f['gbnf_calls']}, {f['gbnf_ms_per_token']:.1f} ms/tok",
            f"{f['choice_channel_correct']}/{f['choice_items']} / {f['choice_rank_correct']}/{f['choice_items']}",
        ])
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- inside the subprocess ----------------------------------------------------------------------
def _raw_stream(llm: Any, prompt: str, tokens: int) -> tuple[float, float, int]:
    """(TTFT, total seconds, tokens) of plain `Llama.generate` on the prompt, greedy: no TTA code on this path.

    `generate` yields token by token (create_completion's stream buffers text for its stop checks and
    yields in bursts, which would make its TTFT and rate unreadable).
    """
    started = time.perf_counter()
    first = 0.0
    count = 0
    ids = llm.tokenize(prompt.encode("utf-8"), special=True)
    for token in llm.generate(ids, temp=0.0):
        if llm.token_eos() == token:
            break
        if count == 0:
            first = time.perf_counter() - started
        count += 1
        if count >= tokens:
            break
    return first, time.perf_counter() - started, count


def _rate(tokens: int, ttft: float, total: float) -> float:
    return (tokens - 1) / (total - ttft) if tokens > 1 and total > ttft else 0.0


def _measure(config: ModelConfig, cache_dir: Path, n_json: int, threads: int) -> dict[str, Any]:
    import psutil

    from engine.inference.backends.llama_library import import_llama

    import_llama()  # first: OMP_WAIT_POLICY=PASSIVE must be set before libgomp loads, for raw and ours alike
    from llama_cpp import Llama

    from engine.inference.backends.llama_cpp import LlamaCppBackend
    from engine.inference.request import GenerationRequest, Message
    from engine.inference.sources.gguf import gguf_file

    config = config.model_copy(update={"n_threads": threads})
    path = str(gguf_file(config, cache_dir))
    # Raw llama.cpp gets the same file and the same context: length, threads and key/value cache type.
    quantized = config.kv_cache == "q8_0"
    same: dict[str, Any] = {"n_threads": threads, "n_threads_batch": threads, "n_ctx": config.context_length,
                            "verbose": False, "type_k": 8 if quantized else None,
                            "type_v": 8 if quantized else None, "flash_attn": quantized}
    loads: list[float] = []
    raw_loads: list[float] = []
    rss_mb = 0.0
    for index in range(3):  # cached loads (the GGUF is in the page cache after the first)
        started = time.perf_counter()
        ours = LlamaCppBackend.load("bench", config, cache_dir)
        loads.append(time.perf_counter() - started)
        if index == 0:  # before raw llama.cpp or a grammar engine join this process
            ours.generate(GenerationRequest(prompt=prompt_for(PLACES[0]), params=GenParams(max_tokens=16))).wait()
            rss_mb = psutil.Process().memory_info().rss / 2**20
        ours.close()
        started = time.perf_counter()
        raw = Llama(path, **same)
        raw_loads.append(time.perf_counter() - started)
        raw.close()
    ours = LlamaCppBackend.load("bench", config, cache_dir)
    raw = Llama(path, **same)
    greedy = GenParams(temperature=0.0, max_tokens=DECODE_TOKENS)
    ttfts: list[float] = []
    rates: list[float] = []
    raw_ttfts: list[float] = []
    raw_rates: list[float] = []
    for round_ in range(3):  # the first round warms both; the other two are kept
        for place in PLACES:
            text = prompt_for(place)
            request = GenerationRequest(messages=[Message(role="user", content=text)], prompt=text, params=greedy,
                                        stream=True)
            response = ours.generate(request)
            for _chunk in response:
                pass
            # The raw call gets exactly the text our backend fed the model (chat template applied or not).
            first, total, count = _raw_stream(raw, ours.format.render(request).text, response.tokens)
            if round_:
                ttfts.append(response.ttft_s or 0.0)
                rates.append(response.tokens_per_s)
                raw_ttfts.append(first)
                raw_rates.append(_rate(count, first, total))
    raw.close()
    figures = {
        "threads": threads, "load_s": statistics.median(loads), "raw_load_s": statistics.median(raw_loads),
        "ttft_s": statistics.median(ttfts), "raw_ttft_s": statistics.median(raw_ttfts),
        "tok_s": statistics.median(rates), "raw_tok_s": statistics.median(raw_rates),
        "memory_mb": ours.memory_mb(), "rss_ours_mb": rss_mb,
    }
    figures["decode_ratio"] = figures["tok_s"] / figures["raw_tok_s"] if figures["raw_tok_s"] else 0.0
    figures["ttft_ratio"] = figures["ttft_s"] / figures["raw_ttft_s"] if figures["raw_ttft_s"] else 0.0
    from game.bench.llama_bench_quality import choice_figures, gbnf_figures, json_figures

    figures.update(json_figures(ours, n_json))
    figures.update(gbnf_figures(ours, n_json))
    figures.update(choice_figures(ours))
    ours.close()
    return figures


def main(argv: list[str]) -> None:
    """Worker entry: measure the model described by the JSON argument and print one JSON line."""
    import resource

    request = json.loads(argv[0])
    figures = _measure(ModelConfig.model_validate(request["config"]), Path(request["cache"]), request["n_json"],
                       request["threads"])
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
