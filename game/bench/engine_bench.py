"""Headless engine benchmark: replay the story's walkthrough test through the players' pipeline, rules only."""

from __future__ import annotations

import time
from pathlib import Path

from engine.story import load_story
from engine.storytest import load_tests, run_test
from game.factory import rules_pipelines

WALKTHROUGH = "walkthrough"


def run_engine_bench(story_path: Path, turns: int = 2000) -> dict[str, float]:
    """Play the `walkthrough` test repeatedly (safety, parser, engine, record, checks) until at least `turns`."""
    story = load_story(story_path)
    tests, problems = load_tests(story)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    walkthrough = next((t for t in tests if t.name == WALKTHROUGH), None)
    if walkthrough is None:
        raise ValueError(f"{story.id} has no scripted test named '{WALKTHROUGH}'")
    # Built once, outside the timing: the crisis detector loads its phrase lists here.
    pipeline_for = rules_pipelines()
    played = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while played < turns:
        result = run_test(story, walkthrough, pipeline_for)
        if not result.passed:
            raise ValueError(f"the walkthrough failed: {result.failures[0]}")
        played += result.turns
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time as well: on a shared machine the wall clock also counts other programs' turns.
    return {"turns": played, "seconds": seconds, "turns_per_s": played / seconds if seconds else float("inf"),
            "cpu_seconds": cpu, "turns_per_cpu_s": played / cpu if cpu else float("inf")}
