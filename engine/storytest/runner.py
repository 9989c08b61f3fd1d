"""Runs a story's scripted tests through the same command path as plain play, checking state after each step."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from engine.core.game import Game
from engine.plain_loop import CommandRunner
from engine.storytest.schema import Expect, StoryTest, TestFile
from engine.story.model import Story
from engine.yamlpos import Problem, YamlFileError, load_yaml

TESTS_FILE = "tests.yaml"


@dataclass
class TestResult:
    """One scripted test: passed, or the failures with the step they happened at."""

    name: str
    failures: list[str] = field(default_factory=list)
    turns: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def load_tests(story: Story) -> tuple[list[StoryTest], list[Problem]]:
    """The story's tests.yaml (none if absent), or located problems."""
    if story.source_path is None:
        return [], []
    path = story.source_path.parent / TESTS_FILE
    if not path.is_file():
        return [], []
    try:
        doc = load_yaml(path)
    except YamlFileError as exc:
        return [], exc.problems
    try:
        return list(TestFile.model_validate(doc.data).tests), []
    except ValidationError as exc:
        return [], doc.validation_problems(exc)


def run_test(story: Story, test: StoryTest) -> TestResult:
    """Play one script and check every expectation."""
    result = TestResult(test.name)
    if test.scene is not None and test.scene not in story.scenes:
        result.failures.append(f"unknown start scene '{test.scene}'")
        return result
    runner = CommandRunner(Game.new(story, seed=test.seed, scene=test.scene))
    for number, step in enumerate(test.steps, start=1):
        text, ok = "", None
        if step.do is not None:
            reply = runner.run(step.do)
            text = reply.text
            ok = reply.outcome.ok if reply.outcome is not None else None
            result.turns += 1
        where = f"step {number}" + (f" ({step.do!r})" if step.do else "")
        result.failures.extend(f"{where}: {problem}" for problem in check(runner.game, step, text, ok))
        if result.failures:
            break
    return result


def check(game: Game, expect: Expect, text: str, ok: bool | None) -> list[str]:
    """What does not match `expect` after a step."""
    state, problems = game.state, []
    if expect.scene is not None and state.scene != expect.scene:
        problems.append(f"expected scene '{expect.scene}', but in '{state.scene}'")
    problems += [f"expected to have '{i}'" for i in expect.has if i not in state.inventory]
    problems += [f"expected not to have '{i}'" for i in expect.lacks if i in state.inventory]
    problems += [f"expected flag {k}={v}" for k, v in expect.flags.items() if state.flags.get(k, False) != v]
    problems += [f"expected {k}={v}, got {state.vars.get(k)}" for k, v in expect.vars.items()
                 if state.vars.get(k) != v]
    problems += [f"expected the text to contain {s!r}; it was:\n{text}" for s in expect.contains
                 if s.lower() not in text.lower()]
    if expect.ok is not None and ok != expect.ok:
        problems.append(f"expected ok={expect.ok}; the reply was:\n{text}")
    if expect.ending is not None and state.ending != expect.ending:
        problems.append(f"expected ending '{expect.ending}', got {state.ending!r}")
    if expect.mood_log is not None and [m.value for m in state.mood_log] != expect.mood_log:
        problems.append(f"expected mood log {expect.mood_log}, got {[m.value for m in state.mood_log]}")
    if expect.reflections is not None and len(state.reflections) != expect.reflections:
        problems.append(f"expected {expect.reflections} reflections, got {len(state.reflections)}")
    return problems

