"""Runs the narration gate over tests/turn/narration_gate_cases.yaml (used by the eval test and by hand)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from engine.core.game import Game
from engine.safety import OutputGuard
from engine.story.loader import load_story
from engine.story.model import Story
from engine.turn.narration_gate import NarrationGate, present_for
from engine.turn.reply_gate import sentences
from engine.turn.scene_text import split_outcome
from engine.turn.story_words import grounding_for

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).with_name("narration_gate_cases.yaml")
REAL = Path(__file__).with_name("embedded_narrations.yaml")
STORIES = {"lantern_house": ROOT / "stories/lantern_house", "rain_library": ROOT / "stories/rain_library",
           "snow_hut": ROOT / "tests/devstories/snow_hut"}


@dataclass(frozen=True)
class Verdict:
    """One case's expectation and what the gate said."""

    case: dict[str, Any]
    reason: str | None

    @property
    def right(self) -> bool:
        """The gate did what the case expects."""
        return (self.reason is None) == (self.case["expect"] == "pass")


def load_cases(half: str) -> list[dict[str, Any]]:
    """The `dev` or `heldout` half of the evaluation set, or the `real` embedded narrations."""
    source = REAL if half == "real" else CASES
    cases: list[dict[str, Any]] = yaml.safe_load(source.read_text(encoding="utf-8"))[half]
    return cases


def judge(case: dict[str, Any], stories: dict[str, Story], guard: OutputGuard) -> Verdict:
    """The gate's verdict on one case, with the gate built as the narration step builds it."""
    story = stories.setdefault(case["story"], load_story(STORIES[case["story"]]))
    game = Game.new(story, scene=case["scene"])
    outcome = game.look()
    prose = split_outcome(outcome.text, story.scenes[case["scene"]].title).prose
    facts, entered = game.facts(), bool(case["entered"])
    gate = NarrationGate(guard, grounding_for(game), facts, prose, present_for(game, outcome.text),
                         must_mention=facts.must_mention if entered else (), entered=entered)
    return Verdict(case, gate.judge(sentences(case["narration"])))


def run(half: str) -> list[Verdict]:
    """Every case of one half, judged."""
    stories: dict[str, Story] = {}
    guard = OutputGuard()
    return [judge(case, stories, guard) for case in load_cases(half)]


def summary(verdicts: list[Verdict]) -> str:
    """Withdrawn-bad and passed-good, as counts and shares."""
    bad = [v for v in verdicts if v.case["expect"] == "withdraw"]
    good = [v for v in verdicts if v.case["expect"] == "pass"]
    caught = sum(v.right for v in bad)
    passed = sum(v.right for v in good)
    return f"withdrawn-bad {caught}/{len(bad)}, passed-good {passed}/{len(good)}"


if __name__ == "__main__":
    result = run(sys.argv[1] if len(sys.argv) > 1 else "dev")
    for v in result:
        if not v.right:
            print(f"WRONG {v.case['kind']:12} {v.case['scene']:14} {v.reason!r}: {v.case['narration']}")
    print(summary(result))
