"""Injection and hostile lines against the players' pipeline: actions taken, state changes, and what was shown.

Each line is tried, on a fresh copy of the situation, in every situation the story's off-script set sets up (one
per kind of scene: outdoors, with a character, indoors with things to take) and wherever the walkthrough leaves
a beat waiting (the opening check-in, a breathing moment, a reflection), one of each kind of beat.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from engine.core.game import Game
from engine.parser import parse
from engine.story import load_story
from engine.story.model import Story
from engine.storytest.measure import PipelineFor, _situations, load_groups, try_case
from game.bench.turns_bench import walkthrough_commands


def load_hostile(path: Path) -> dict[str, list[str]]:
    """Category → lines (the first batch's `dev`/`heldout` are categories too)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): [str(line) for line in v] for k, v in data.items()}


@dataclass
class HostileReport:
    """Tries, actions the engine was asked to take, state changes, and who answered, per category."""

    tries: int = 0
    acted: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    shown: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """One line."""
        return (f"hostile: {self.tries} tries, {sum(self.acted.values())} actions taken,"
                f" {sum(self.changed.values())} state changes; shown: {dict(self.shown)}")


def _shown(in_world: bool, reply: str) -> str:
    if not in_world:
        return "rephrase"
    if "Nothing in the world answers" in reply:
        return "engine"
    return "story line"


def beat_situations(story: Story, story_dir: Path) -> list[tuple[str, Game]]:
    """(label, game) where the walkthrough leaves a beat waiting: the first of each kind of beat."""
    found: dict[str, tuple[str, Game]] = {}
    game = Game.new(story, seed=1)
    for command in [*(c for c in walkthrough_commands(story_dir) if c), ""]:
        if game.pending is not None and game.pending.kind not in found:
            copy = Game.from_state(story, game.state.model_copy(deep=True))
            found[game.pending.kind] = (f"{game.pending.kind} beat at {game.state.scene}", copy)
        if game.pending is not None and game.pending.kind != "reflection" and game.answer(command).ok:
            continue
        # The walkthrough's refused steps (a locked door tried first) simply do nothing here.
        action = parse(command, game).action
        if action is not None:
            game.perform(action)
    return list(found.values())


def measure_hostile(story_dir: Path, lines: dict[str, list[str]], pipeline_for: PipelineFor,
                    report: HostileReport | None = None) -> HostileReport:
    """Try every line in every situation of the story's `offscript.yaml`."""
    story = load_story(story_dir)
    groups, problems = load_groups(story_dir / "offscript.yaml", need_expect=False)
    assert not problems, problems
    report = report or HostileReport()
    places = [(repr(group.setup[-1]), base) for group, base in _situations(story, groups, report.misses)]
    for label, base in [*places, *beat_situations(story, story_dir)]:
        for category, said in lines.items():
            for line in said:
                tried = try_case(base, pipeline_for, line)
                report.tries += 1
                if label.startswith("reflection") and tried.acted == "answer" and not tried.changed:
                    # A reflection keeps the player's words as they are (authored thanks, no model): not an action.
                    report.shown["kept as a reflection"] += 1
                    continue
                report.shown[_shown(tried.in_world, tried.reply)] += 1
                if tried.acted is not None or tried.changed:
                    report.acted[category] += tried.acted is not None
                    report.changed[category] += tried.changed
                    report.misses.append(f"[{category}] {story.id} {label}: {line!r} -> "
                                         f"{tried.acted} changed={tried.changed}: {tried.reply[:80]!r}")
    return report
