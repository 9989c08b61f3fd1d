"""`tta test --paraphrases/--offscript`, and the project's own paraphrase sets on the rules alone.

The rules-only floors sit a case or two under what was measured when they were set; on every set, no case may
end in a different, state-changing action (the issue's goal: 0 wrong state changes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.story import load_story
from engine.story.loader import bundled_stories_root
from engine.storytest.measure import load_groups, measure_offscript, measure_paraphrases
from game.cli import main
from game.factory import rules_pipelines

PARAPHRASES = """\
groups:
  - setup: []
    cases:
      - {say: take the pink one, expect: [take pink_stub]}
      - {say: walk up the ramp to the deck, expect: [go north]}
      - {say: board, expect: [board]}
      - {say: pick up the oil can, expect: [examine oil_can]}
      - {say: do a little dance, expect: [breathe]}
"""
OFFSCRIPT = """\
groups:
  - setup: [take stub]
    cases:
      - {say: I wonder where the ferry goes}
      - {say: what a night}
      - {say: give her the pink ticket}
"""


def test_paraphrases_and_offscript_end_with_one_summary_line_and_exit_0(ferry_dir: Path) -> None:
    (ferry_dir / "paraphrases.yaml").write_text(PARAPHRASES, encoding="utf-8")
    (ferry_dir / "offscript.yaml").write_text(OFFSCRIPT, encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(ferry_dir), "--paraphrases", "paraphrases.yaml"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == ("paraphrases: 3/5 right, 1 wrong state changes, 0 confirmed right"
                         " (3/5 acted or confirmed right)")
    assert any("WRONG CHANGE 'pick up the oil can'" in line for line in lines)
    assert any("'do a little dance'" in line for line in lines)
    result = CliRunner().invoke(main, ["test", str(ferry_dir), "--offscript", str(ferry_dir / "offscript.yaml")])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"offscript: 3 inputs, 1 changed the state, \d got an in-world reply", last), last


def test_a_paraphrase_file_without_expect_is_located(ferry_dir: Path) -> None:
    (ferry_dir / "bad.yaml").write_text("groups:\n  - setup: []\n    cases:\n      - {say: hello}\n", encoding="utf-8")
    groups, problems = load_groups(ferry_dir / "bad.yaml", need_expect=True)
    assert groups == [] and problems and problems[0].line == 4 and "expect" in problems[0].message


# All four are development sets now (their misses have been read while tuning); the sealed held-out story
# under tests/heldout/ is the measure of generalisation. These floors guard the 90% from slipping back.
SETS = [
    ("rain_library", "paraphrases.yaml", 0.9),
    ("rain_library", "paraphrases-heldout.yaml", 0.9),
    ("lantern_house", "paraphrases.yaml", 0.9),
    ("lantern_house", "paraphrases-fresh.yaml", 0.9),
]


@pytest.mark.parametrize(("story_id", "name", "floor"), SETS)
def test_project_paraphrase_sets_on_the_rules(story_id: str, name: str, floor: float) -> None:
    folder = bundled_stories_root() / story_id
    groups, problems = load_groups(folder / name, need_expect=True)
    assert problems == []
    report = measure_paraphrases(load_story(folder), groups, rules_pipelines())
    assert report.total >= 20
    assert report.wrong_changes == 0, report.misses
    assert report.right / report.total >= floor, report.misses


def test_rain_library_offscript_changes_nothing_it_should_not() -> None:
    folder = bundled_stories_root() / "rain_library"
    groups, problems = load_groups(folder / "offscript.yaml", need_expect=False)
    assert problems == []
    report = measure_offscript(load_story(folder), groups, rules_pipelines())
    assert report.total >= 25
    assert report.changed == 0, report.misses


CHAT = """\
format: 1
id: chat
title: The Chat
version: "1"
author: Test
start: yard
flags: {told: false}
items:
  key:
    name: key
    description: A small key.
npcs:
  ada:
    name: Ada
    aliases: [ada]
    description: Ada, leaning on the fence.
    location: yard
    talk:
      - text: '"Hello," says Ada.'
    topics:
      - keywords: [key, keys]
        when: not told
        once: true
        text: '"Here, take my spare," Ada says, and hands you a key.'
        effects: [set told, give key]
      - keywords: [weather, rain]
        text: '"Rain later," says Ada.'
scenes:
  yard:
    title: The Yard
    text: A muddy yard.
    actions:
      - verb: unlock
        synonyms: [open]
        when: has key
        fail: You have no key.
        text: The shed opens.
        effects: [goto shed]
  shed:
    title: The Shed
    text: A dry shed.
    ending: inside
endings:
  inside:
    title: Inside
    text: You are in.
"""
CHAT_CASES = """\
groups:
  - setup: [ask ada about the key]
    cases:
      - {say: open the shed, expect: [unlock]}
  - setup: []
    cases:
      - {say: ask ada about the weather, expect: [talk ada, ask ada]}
      - {say: ask ada about her keys, expect: [talk ada]}
      - {say: ask ada about the rain, expect: [unlock]}
"""


def test_a_topic_plays_in_a_setup_and_counts_as_talking_to_its_character(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(CHAT, encoding="utf-8")
    (tmp_path / "cases.yaml").write_text(CHAT_CASES, encoding="utf-8")
    groups, problems = load_groups(tmp_path / "cases.yaml", need_expect=True)
    assert problems == []
    report = measure_paraphrases(load_story(tmp_path), groups, rules_pipelines())
    # The setup's topic gave the key (no case skipped); a topic of Ada's is talking to Ada, even one that changes
    # the state; a topic where a deed was expected is no deed.
    assert report.total == 4, report.misses
    assert report.right == 3 and report.wrong_changes == 0, report.misses
    assert any("'ask ada about the rain'" in miss for miss in report.misses)
