"""Crisis-detector latency: `classify` per typed input with the semantic stage warm, as the pipeline calls it."""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

from engine.safety.context import CrisisContext
from engine.safety.detector import CrisisDetector

# Typical inputs: mostly game commands, some longer sentences, a few that fire.
TYPICAL = [
    "look", "go north", "take the brass key", "open the door with the key", "talk to the fisher",
    "ask ana about the storm", "kill the spider with the sword", "what is in the chest?",
    "i think i should wait here until the rain stops", "cut the rope and climb down to the beach",
    "examine the old lantern on the shelf", "i'm not sure what to do next, can i have a hint",
    "i hate this puzzle", "my feet are killing me, rest by the fire", "give the bread to the beggar",
    "i can't do this anymore", "inventory", "jump across the stream", "read the letter", "say goodbye to ana",
]
TARGET_P95_MS = 10.0


def run_safety_bench(detector: CrisisDetector | None = None, rounds: int = 10) -> dict[str, Any]:
    """Warm the detector (untimed), then time `classify` on TYPICAL `rounds` times, with a session context."""
    detector = detector or CrisisDetector()
    started = time.perf_counter()
    semantic = detector.warm() and detector.semantic is not None
    warm_s = time.perf_counter() - started
    context = CrisisContext()
    for text in TYPICAL:  # untimed: first calls fill caches (tokenizer, allocator)
        detector.classify(text, context=context)
    timings: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        context = CrisisContext()
        for text in TYPICAL:
            begun, begun_cpu = time.perf_counter(), time.process_time()
            detector.classify(text, context=context)
            timings.append((time.perf_counter() - begun) * 1000)
            cpu.append((time.process_time() - begun_cpu) * 1000)  # wall time on a loaded machine waits for a core
    timings.sort()
    cpu.sort()
    return {
        "semantic": semantic, "warm_s": warm_s, "calls": len(timings),
        "p50_ms": statistics.median(timings), "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "max_ms": timings[-1], "target_p95_ms": TARGET_P95_MS,
        "cpu_p50_ms": statistics.median(cpu), "cpu_p95_ms": cpu[int(0.95 * (len(cpu) - 1))],
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None, "cpus": os.cpu_count(),
    }


def format_safety_bench(result: dict[str, Any]) -> str:
    """The figures in two lines."""
    stage = "rules + semantic stage" if result["semantic"] else "rules only (semantic stage unavailable)"
    verdict = "within" if result["p95_ms"] <= result["target_p95_ms"] else "OVER"
    load = f", load average {result['load_average']:.1f} on {result['cpus']} CPUs" if result["load_average"] else ""
    return (f"classify ({stage}, warm in {result['warm_s']:.1f} s): p50 {result['p50_ms']:.1f} ms, "
            f"p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.1f} ms over {result['calls']} calls{load}\n"
            f"CPU time a call: p50 {result['cpu_p50_ms']:.1f} ms, p95 {result['cpu_p95_ms']:.1f} ms\n"
            f"p95 target {result['target_p95_ms']:.0f} ms: {verdict}")
