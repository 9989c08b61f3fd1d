"""`tta bench --turns`: the sample walkthrough through the whole pipeline, and the paraphrase evaluation."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from engine.story import load_story
from engine.storytest import load_tests
from engine.storytest.paraphrases import evaluate, load_cases
from engine.turn.cascade import ParseCascade
from engine.turn.config import TurnConfig
from engine.turn.pipeline import TurnPipeline
from engine.turn.state_update import acceptance
from game.bench.gate_rates import format_gate, gate_rates


def walkthrough_commands(story_path: Path) -> list[str]:
    """The commands of the story's `walkthrough` scripted test."""
    story = load_story(story_path)
    tests, _ = load_tests(story)
    walk = next(t for t in tests if t.name == "walkthrough")
    return [step.do for step in walk.steps if step.do is not None]  # a step may only check, doing nothing


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_turn_bench(pipeline: TurnPipeline, commands: list[str], settle: bool = False) -> dict[str, Any]:
    """Play `commands` and measure what the issue asks for.

    Back to back (settle=False) the background state update of one turn overlaps the next narration; with
    `settle` it finishes first, as it does while a player reads and types.
    """
    list(pipeline.opening())
    started = time.perf_counter()
    for line in commands:
        if settle:
            pipeline.session.drain()
        list(pipeline.run(line))
    elapsed = time.perf_counter() - started
    pipeline.session.drain()
    turns = pipeline.session.turns
    parsed = [t for t in turns if t.parse_method != "beat"]
    first_token = [t.timings["first_token_s"] for t in turns if "first_token_s" in t.timings]
    first_text = [t.timings["first_text_s"] for t in turns if t.narration_source == "model"]
    narrated = [u for t in turns for u in t.models if u.task == "narrative_generation" and u.model]
    speeds = [u.tokens_per_s for u in narrated if u.tokens_per_s]
    updates = pipeline.session.log.updates()
    # Per story (`--story`): fields proposed, and the share the engine accepted as a real change; a proposal
    # equal to the current value is counted as unchanged, never as accepted.
    proposed_fields, accepted_fields, unchanged_fields, _ = acceptance(list(updates))
    attempts = [m for u in updates for m in u.used if m.model]
    return {
        "settled_between_turns": settle,
        "turns": len(turns),
        "seconds": elapsed,
        "ended": pipeline.game.ended.id if pipeline.game.ended else None,
        "resolved_by_rules": sum(t.parse_method == "rules" for t in parsed) / len(parsed) if parsed else None,
        "parse_methods": {m: sum(t.parse_method == m for t in turns) for m in {t.parse_method for t in turns}},
        "first_token_p50_s": _pct(first_token, 0.5),
        "first_token_p95_s": _pct(first_token, 0.95),
        "first_narrated_text_p50_s": _pct(first_text, 0.5),
        "narration_model_turns": len(narrated),
        "narration_shown_share": (sum(t.narration_source == "model" for t in turns) / len(narrated)
                                  if narrated else None),
        "narration_tok_s_mean": statistics.fmean(speeds) if speeds else None,
        "state_update_calls": len(attempts),
        "state_update_valid": (sum(m.outcome == "ok" for m in attempts) / len(attempts)) if attempts else None,
        "state_update_story": pipeline.game.story.id,
        "state_update_fields_proposed": proposed_fields,
        "state_update_unchanged": unchanged_fields,
        "state_update_acceptance": accepted_fields / proposed_fields if proposed_fields else None,
        "gate": gate_rates(pipeline.models.selector.stats()) if pipeline.models else [],
    }


def run_paraphrase_bench(pipeline: TurnPipeline, cases_path: Path, matcher: Any,
                         methods: tuple[str, ...] = ("embedding", "cascade", "likelihood")) -> dict[str, Any]:
    """Accuracy and time per method on the held-out paraphrases."""
    story = pipeline.game.story
    cases = load_cases(cases_path)
    out: dict[str, Any] = {}
    for method in methods:
        models = pipeline.models
        if models is None:
            raise ValueError("the paraphrase evaluation needs a profile with models")
        cascade = ParseCascade(models.selector, models.backends, TurnConfig(parse_method=method), matcher)
        started = time.perf_counter()
        result = evaluate(story, cases, cascade, method)
        out[method] = {"right": result.right, "total": result.total, "accuracy": result.accuracy,
                       "seconds_per_case": (time.perf_counter() - started) / max(result.total, 1),
                       "misses": result.misses}
    return out


def format_turns(result: dict[str, Any]) -> str:
    """A readable block of the walkthrough figures."""
    lines = ["Walkthrough through the pipeline:"]
    for key, value in result.items():
        if key == "gate":
            lines.append(format_gate(value))
            continue
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"  {key:28} {shown}")
    return "\n".join(lines)
