"""`tta bench --play`: paraphrase accuracy with the confidence bands, off-script replies, NPC replies, latency.

Every case plays through the same pipeline players use. Right / wrong / changed / in-world are counted by the
same measurement as `tta test --paraphrases/--offscript`; a second pass in one pipeline per group records who
answered, which models were called and how long each turn took.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from engine.core.actions import Action
from engine.core.game import Game
from engine.core.state import GameState
from engine.story.loader import load_story
from engine.storytest.measure import load_groups, measure_offscript, measure_paraphrases
from engine.turn.events import CrisisShown, ModelUsed, NarrationDone, SystemText, TurnDone, TurnEvent
from engine.turn.pipeline import TurnPipeline
from game.bench.gate_rates import format_gate, gate_rates
from game.factory import Services, build_pipeline, build_services, measuring_pipelines


def action_of(key: str) -> Action:
    """`use oil_can on great_lamp` → Action(use, oil_can, great_lamp)."""
    head, _, target = key.partition(" on ")
    verb, _, obj = head.partition(" ")
    return Action(verb=verb, obj=obj or None, target=target or None)


def _world(state: GameState) -> str:
    return json.dumps([state.scene, state.locations, state.flags, state.vars, state.ending], sort_keys=True)


def _expected_worlds(game: Game, keys: list[str]) -> set[str]:
    worlds = set()
    for key in keys:
        trial = Game.from_state(game.story, game.state.model_copy(deep=True))
        if trial.perform(action_of(key)).ok:
            worlds.add(_world(trial.state))
    return worlds


def who_answered(events: list[TurnEvent]) -> str:
    """model / story / engine / confirm / rephrase / action, from what the turn showed."""
    done = [e for e in events if isinstance(e, TurnDone)]
    if any(isinstance(e, CrisisShown) for e in events):
        return "safety"
    if done and done[-1].advanced:
        return "action"
    for event in events:
        if isinstance(event, NarrationDone):
            return "model" if event.source == "model" else "story"
        if isinstance(event, SystemText) and event.kind == "question":
            return "confirm"
        if isinstance(event, SystemText) and event.kind == "rephrase":
            return "rephrase"
        if isinstance(event, SystemText) and event.kind == "info":
            return "engine"
    return "rephrase"


def _groups(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["groups"])


def _at(services: Services, story: Path, setup: list[str]) -> TurnPipeline:
    pipeline = build_pipeline(services, story, seed=1)
    list(pipeline.opening())
    for command in setup:
        list(pipeline.run(str(command)))
    return pipeline


def run_set(services: Services, story: Path, path: Path, kind: str) -> dict[str, Any]:
    """Play every case of one paraphrase or off-script file; figures plus the misses for reading."""
    figures: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    models: Counter[str] = Counter()
    latencies: list[float] = []
    misses: list[str] = []
    for group in _groups(path):
        pipeline = _at(services, story, [str(s) for s in group.get("setup", [])])
        for case in group["cases"]:
            game = pipeline.game
            before = _world(game.state)
            expected = _expected_worlds(game, list(case.get("expect", []))) if kind == "paraphrases" else set()
            started = time.perf_counter()
            events = list(pipeline.run(str(case["say"])))
            latencies.append(time.perf_counter() - started)
            after = _world(pipeline.game.state)
            who = who_answered(events)
            answered[who] += 1
            figures["total"] += 1
            for used in (e for e in events if isinstance(e, ModelUsed) and e.model):
                models[f"{used.task}:{'ok' if used.outcome == 'ok' else 'withdrawn'}"] += 1
            if kind == "paraphrases":
                right = after in expected
                figures["right"] += right
                figures["wrong_changes"] += (not right and after != before)
                figures["confirmed"] += who == "confirm"
                if not right:
                    misses.append(f"{case['say']!r} -> {who}")
            else:
                changed = after != before
                figures["changed"] += changed
                # In-world: anything but the not-understood reply, a "Do you mean" question or a safety pause.
                in_world = who in ("model", "story", "engine", "action")
                figures["in_world"] += in_world
                if changed or not in_world:
                    misses.append(f"{case['say']!r} -> {who}{' (CHANGED)' if changed else ''}")
            if after != before:
                list(pipeline.run("undo"))
            if who == "confirm":
                list(pipeline.run("no"))  # an open "Do you mean ...?" must not carry into the next case
    latencies.sort()
    return {"file": path.name, **figures, "answered_by": dict(answered), "model_calls": dict(models),
            "p50_s": statistics.median(latencies) if latencies else 0.0,
            "p95_s": latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0, "misses": misses}


def run_play_bench(services: Services, stories: list[Path]) -> dict[str, Any]:
    """Each story's paraphrase*.yaml and offscript*.yaml, on a fresh selector; no narration or state updates
    (they are measured by --turns), so the figures are the routing's own."""
    settings = services.settings
    quiet = settings.model_copy(update={"turn": settings.turn.model_copy(update={"narrate": False,
                                                                                 "state_update": False})})
    results: dict[str, Any] = {"profile": str(settings.profile)}
    with tempfile.TemporaryDirectory() as home:
        fresh = build_services(settings=quiet, data_dir=Path(home), rng_seed=1)
        try:
            fresh.warm()
            for story in stories:
                sets = {}
                for path in sorted(story.glob("paraphrases*.yaml")):
                    sets[path.name] = run_set(fresh, story, path, "paraphrases")
                for path in sorted(story.glob("offscript*.yaml")):
                    sets[path.name] = run_set(fresh, story, path, "offscript")
                results[story.name] = sets
            results["gate"] = gate_rates(fresh.selector.stats())
            _official_figures(fresh, stories, results)
        finally:
            fresh.close()
    return results


def _official_figures(services: Services, stories: list[Path], results: dict[str, Any]) -> None:
    """Right / wrong / changed / in-world exactly as `tta test --paraphrases/--offscript` counts them (each case
    on its own copy of its situation), so the bench and the authoring tool never disagree; the loop above adds
    who answered, model calls and latency."""
    pipeline_for = measuring_pipelines(services)
    for story_dir in stories:
        story = load_story(story_dir)
        for name, figures in results[story_dir.name].items():
            groups, problems = load_groups(story_dir / name, need_expect="right" in figures)
            if problems:
                continue
            if "right" in figures:
                para = measure_paraphrases(story, groups, pipeline_for)
                figures.update(right=para.right, total=para.total, wrong_changes=para.wrong_changes,
                               confirmed_right=para.confirmed_right, misses=para.misses)
            else:
                off = measure_offscript(story, groups, pipeline_for)
                figures.update(total=off.total, changed=off.changed, in_world=off.in_world, misses=off.misses)


def format_play(results: dict[str, Any]) -> str:
    """One line per set."""
    lines = [f"Play bench, profile {results['profile']}:"]
    for story, sets in results.items():
        if story in ("profile", "gate"):
            continue
        for name, f in sets.items():
            if "right" in f:
                line = (f"paraphrases: {f['right']}/{f['total']} right, {f.get('wrong_changes', 0)} wrong state "
                        f"changes, {f.get('confirmed_right', 0)} confirmed right, {f.get('confirmed', 0)} asked to "
                        "confirm")
            else:
                line = (f"offscript: {f['total']} inputs, {f.get('changed', 0)} changed the state, "
                        f"{f.get('in_world', 0)} got an in-world reply")
            lines.append(f"  {story}/{name}: {line}; by {f['answered_by']}; model calls {f['model_calls']}; "
                         f"p50 {f['p50_s']:.2f} s, p95 {f['p95_s']:.2f} s")
    lines.append(format_gate(results.get("gate", [])))
    return "\n".join(lines)
