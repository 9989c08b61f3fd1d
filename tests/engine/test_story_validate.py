"""Story loading and `tta validate`: located schema errors, broken references with hints, graph checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.story import StoryError, discover_stories, load_story, validate_story
from engine.story.loader import bundled_stories_root
from game.cli import main

WriteStory = Callable[[str], Path]


def test_sample_story_loads_and_is_frozen() -> None:
    stories = discover_stories(bundled_stories_root())
    assert stories, "at least one bundled story"
    story = load_story(stories[0])
    assert story.format == 1 and len(story.scenes) >= 12 and len(story.endings) >= 2
    with pytest.raises(ValueError):
        story.title = "changed"  # type: ignore[misc]


def test_validate_exits_zero_on_bundled_stories() -> None:
    paths = [str(p) for p in bundled_stories_root().iterdir()]
    result = CliRunner().invoke(main, ["validate", *paths])
    assert result.exit_code == 0, result.output


def test_broken_reference_is_located_with_a_hint(write_story: WriteStory, tiny_text: str) -> None:
    folder = write_story(tiny_text.replace("exits: {south: hall, east: gate}", "exits: {south: hal, east: gate}"))
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    line = next(text for text in result.output.splitlines() if "unknown scene 'hal'" in text)
    expected_line = tiny_text.splitlines().index("    exits: {south: hall, east: gate}") + 1
    assert line.startswith(f"{folder / 'story.yaml'}:{expected_line}:")
    assert ": error: " in line and "did you mean 'hall'?" in line


def test_lint_is_validate_by_the_name_authors_reach_for(write_story: WriteStory, tiny_text: str) -> None:
    folder = write_story(tiny_text.replace("exits: {south: hall, east: gate}", "exits: {south: hal, east: gate}"))
    linted, validated = (CliRunner().invoke(main, [name, str(folder)]) for name in ("lint", "validate"))
    assert linted.exit_code == validated.exit_code == 1
    assert linted.output == validated.output and "unknown scene 'hal'" in linted.output


def test_unknown_flag_and_variable_in_conditions(write_story: WriteStory, tiny_text: str) -> None:
    text = tiny_text.replace("when: [has red_key, not door_open]", "when: [has red_key, not door_opne, luck > 2]")
    messages = [p.message for p in validate_story(write_story(text))]
    assert "unknown flag 'door_opne'; did you mean 'door_open'?" in messages
    assert any(m.startswith("unknown var 'luck'") for m in messages)


def test_schema_error_is_located(write_story: WriteStory, tiny_text: str) -> None:
    problems = validate_story(write_story(tiny_text.replace("portable: false", "portable: maybe")))
    assert len(problems) == 1
    assert problems[0].line == tiny_text.splitlines().index(
        "  door: {name: door, description: A plain door., location: hall, portable: false}") + 1
    assert "portable" in problems[0].message


def test_bad_effect_syntax_names_the_forms(write_story: WriteStory, tiny_text: str) -> None:
    problems = validate_story(write_story(tiny_text.replace("effects: [set door_open]", "effects: [open the door]")))
    assert len(problems) == 1 and "cannot read effect 'open the door'" in problems[0].message


def test_yaml_syntax_error_is_located(write_story: WriteStory, tiny_text: str) -> None:
    folder = write_story("format: 1\ntitle: [unclosed\n")
    problems = validate_story(folder)
    assert len(problems) == 1 and problems[0].message.startswith("YAML syntax")
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    assert str(caught.value).startswith(f"{folder / 'story.yaml'}:")


def test_graph_checks(write_story: WriteStory, tiny_text: str) -> None:
    text = tiny_text + """\
  attic:
    title: Attic
    text: Dusty and closed in.
"""
    problems = {p.message: p.severity for p in validate_story(write_story(text))}
    assert problems["scene 'attic' cannot be reached from the start"] == "warning"
    assert problems["scene 'attic' has no way out and is not an ending (add an exit or `ending:`)"] == "error"


def test_missing_story_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems = validate_story(tmp_path / "nothing")
    assert len(problems) == 1 and "cannot read file" in problems[0].message
