"""Headless engine benchmark: replay the story's walkthrough test, no model, and count turns per second."""

from __future__ import annotations

import time
from pathlib import Path

from engine.story import load_story
from engine.storytest import load_tests, run_test

WALKTHROUGH = "walkthrough"


def run_engine_bench(story_path: Path, turns: int = 2000) -> dict:
    """Play the `walkthrough` test repeatedly (parser + engine + checks) until at least `turns` turns."""
    story = load_story(story_path)
    tests, problems = load_tests(story)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    walkthrough = next((t for t in tests if t.name == WALKTHROUGH), None)
    if walkthrough is None:
        raise ValueError(f"{story.id} has no scripted test named '{WALKTHROUGH}'")
    played = 0
    started = time.perf_counter()
    while played < turns:
        result = run_test(story, walkthrough)
        if not result.passed:
            raise ValueError(f"the walkthrough failed: {result.failures[0]}")
        played += result.turns
    seconds = time.perf_counter() - started
    return {"turns": played, "seconds": seconds, "turns_per_s": played / seconds if seconds else float("inf")}
