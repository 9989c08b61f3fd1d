"""The examples in stories/README.md are real: the story validates and its tests pass."""

from __future__ import annotations

import re
from pathlib import Path

from engine.story import load_story, validate_story
from engine.story.loader import bundled_stories_root
from engine.storytest import load_tests, quicktest, run_test
from game.factory import rules_pipelines


def test_readme_example_story_and_tests_work(tmp_path: Path) -> None:
    readme = (bundled_stories_root() / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
    # The first block is the complete story; the tests.yaml block starts with `tests:`; others are fragments.
    story_yaml, tests_yaml = blocks[0], next(b for b in blocks if b.startswith("tests:"))
    (tmp_path / "story.yaml").write_text(story_yaml, encoding="utf-8")
    (tmp_path / "tests.yaml").write_text(tests_yaml, encoding="utf-8")
    assert validate_story(tmp_path) == []
    story = load_story(tmp_path)
    tests, problems = load_tests(story)
    assert problems == [] and len(tests) == 1
    result = run_test(story, tests[0], rules_pipelines())
    assert result.passed, result.failures
    assert quicktest(story).ok
